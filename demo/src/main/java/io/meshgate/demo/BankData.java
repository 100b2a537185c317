package io.meshgate.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sample bank's customers, accounts and transactions: fixed data, so that every run of the demo
 * (and every test) sees the same answers.
 */
final class BankData {
    /** A bank customer. */
    record Customer(String id, String name, String email, List<Account> accounts) {
    }

    /** One account of a customer; {@code balance} in the account's currency. */
    record Account(String id, String type, String currency, BigDecimal balance) {
    }

    /** A booked transaction; negative amounts are debits. */
    record Transaction(String id, LocalDate date, String accountId, String description, BigDecimal amount,
            String currency) {
    }

    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<String, List<Transaction>> transactions = new LinkedHashMap<>();

    private BankData() {
    }

    /** The demo's data set: two customers with a few accounts and a month of activity each. */
    static BankData sample() {
        BankData data = new BankData();
        data.add(new Customer("alice", "Alice Martin", "alice@example.com", List.of(
                new Account("CHK-1001", "checking", "EUR", new BigDecimal("1520.40")),
                new Account("SAV-1002", "savings", "EUR", new BigDecimal("12850.00")))),
                List.of(
                        tx("t-5001", "2025-11-03", "CHK-1001", "Salary ACME Corp", "3200.00"),
                        tx("t-5002", "2025-11-04", "CHK-1001", "Rent November", "-1150.00"),
                        tx("t-5003", "2025-11-07", "CHK-1001", "Grocery Store", "-86.35"),
                        tx("t-5004", "2025-11-09", "SAV-1002", "Transfer from checking", "500.00"),
                        tx("t-5005", "2025-11-09", "CHK-1001", "Transfer to savings", "-500.00"),
                        tx("t-5006", "2025-11-12", "CHK-1001", "Coffee Roasters", "-4.50"),
                        tx("t-5007", "2025-11-15", "CHK-1001", "Electricity bill", "-64.20"),
                        tx("t-5008", "2025-11-18", "CHK-1001", "Bookshop", "-23.90")),
                "EUR");
        data.add(new Customer("bob", "Bob Chen", "bob@example.com", List.of(
                new Account("CHK-2001", "checking", "USD", new BigDecimal("310.75")))),
                List.of(
                        tx("t-6001", "2025-11-01", "CHK-2001", "Payroll", "2400.00"),
                        tx("t-6002", "2025-11-02", "CHK-2001", "Gym membership", "-39.00"),
                        tx("t-6003", "2025-11-10", "CHK-2001", "Car insurance", "-128.40"),
                        tx("t-6004", "2025-11-16", "CHK-2001", "Restaurant", "-57.10")),
                "USD");
        return data;
    }

    private static Transaction tx(String id, String date, String account, String description, String amount) {
        // The currency is filled in by add(), from the customer's accounts.
        return new Transaction(id, LocalDate.parse(date), account, description, new BigDecimal(amount), "");
    }

    private void add(Customer customer, List<Transaction> txs, String currency) {
        customers.put(customer.id(), customer);
        List<Transaction> withCurrency = new ArrayList<>();
        for (Transaction t : txs) {
            withCurrency.add(new Transaction(t.id(), t.date(), t.accountId(), t.description(), t.amount(), currency));
        }
        // Newest first, as a bank's activity page shows them.
        withCurrency.sort((a, b) -> b.date().compareTo(a.date()) != 0 ? b.date().compareTo(a.date())
                : b.id().compareTo(a.id()));
        transactions.put(customer.id(), List.copyOf(withCurrency));
    }

    List<String> customerIds() {
        return List.copyOf(customers.keySet());
    }

    Optional<Customer> customer(String id) {
        return Optional.ofNullable(customers.get(id));
    }

    Optional<List<Transaction>> transactions(String customerId) {
        return Optional.ofNullable(transactions.get(customerId));
    }
}
