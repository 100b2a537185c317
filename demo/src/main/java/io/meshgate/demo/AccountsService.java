package io.meshgate.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code accounts} service: a customer's profile and accounts.
 *
 * <pre>
 * GET /accounts          {"customers":["alice","bob"]}
 * GET /accounts/{id}     {"customer":"alice","name":...,"accounts":[{"id":...,"type":...,"currency":...,"balance":...}]}
 * </pre>
 */
final class AccountsService implements ServiceHandler {
    private final BankData data;

    AccountsService(BankData data) {
        this.data = data;
    }

    @Override
    public Response handle(Request request) {
        String path = request.path();
        if (path.equals("/accounts") || path.equals("/accounts/")) {
            return Response.json(200, Map.of("customers", data.customerIds()));
        }
        if (!path.startsWith("/accounts/")) {
            return Response.error(404, "no such resource: " + path + " (expected: /accounts/{customer})");
        }
        String id = path.substring("/accounts/".length());
        return data.customer(id)
                .map(c -> Response.json(200, toJson(c)))
                .orElseGet(() -> Response.error(404, "no such customer: " + id));
    }

    private static Map<String, Object> toJson(BankData.Customer c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer", c.id());
        body.put("name", c.name());
        body.put("email", c.email());
        body.put("accounts", c.accounts().stream().map(AccountsService::toJson).toList());
        return body;
    }

    private static Map<String, Object> toJson(BankData.Account a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", a.id());
        body.put("type", a.type());
        body.put("currency", a.currency());
        body.put("balance", a.balance());
        return body;
    }
}
