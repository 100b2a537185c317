package io.meshgate.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code activity} service: a customer's recent transactions, newest first.
 *
 * <pre>
 * GET /activity/{id}?limit=N   {"customer":"alice","transactions":[{"id":...,"date":...,"account":...,
 *                               "description":...,"amount":...,"currency":...}]}
 * </pre>
 */
final class ActivityService implements ServiceHandler {
    static final int DEFAULT_LIMIT = 5;
    private static final int MAX_LIMIT = 100;

    private final BankData data;

    ActivityService(BankData data) {
        this.data = data;
    }

    @Override
    public Response handle(Request request) {
        String path = request.path();
        if (!path.startsWith("/activity/") || path.length() == "/activity/".length()) {
            return Response.error(404, "no such resource: " + path + " (expected: /activity/{customer})");
        }
        String id = path.substring("/activity/".length());
        int limit;
        try {
            limit = request.queryParam("limit").map(Integer::parseInt).orElse(DEFAULT_LIMIT);
        } catch (NumberFormatException e) {
            return Response.error(400, "limit: " + request.queryParam("limit").orElse("") + " (expected: 1.."
                    + MAX_LIMIT + ")");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return Response.error(400, "limit: " + limit + " (expected: 1.." + MAX_LIMIT + ")");
        }
        int n = limit;
        return data.transactions(id)
                .map(txs -> Response.json(200, toJson(id, txs.subList(0, Math.min(n, txs.size())))))
                .orElseGet(() -> Response.error(404, "no such customer: " + id));
    }

    private static Map<String, Object> toJson(String customer, List<BankData.Transaction> txs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer", customer);
        body.put("transactions", txs.stream().map(ActivityService::toJson).toList());
        return body;
    }

    private static Map<String, Object> toJson(BankData.Transaction t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", t.id());
        body.put("date", t.date().toString());
        body.put("account", t.accountId());
        body.put("description", t.description());
        body.put("amount", t.amount());
        body.put("currency", t.currency());
        return body;
    }
}
