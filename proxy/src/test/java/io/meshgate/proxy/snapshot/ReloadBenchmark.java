package io.meshgate.proxy.snapshot;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Measures what a reload costs with many routes (run by {@code bench/reload.sh}; not a test):
 * load + validate, then compile, for a config of N HTTPRoutes over 100 Backends in 10 files, first
 * in full and then after a one-route change.
 */
public final class ReloadBenchmark {

    private ReloadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int routes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("meshgate-reload-bench");
        write(dir, routes, "v1");
        Compiling c = new Compiling();
        SnapshotCompiler compiler = c.compiler();
        ConfigLoader loader = new ConfigLoader();
        long version = 0;
        for (int round = 0; round < 6; round++) {
            if (round > 0) {
                // one route changes (its path), as a user editing one file would
                Files.writeString(dir.resolve("routes-0.yaml"), routeFile(0, routes / 10, "v" + (round + 1)));
            }
            long t0 = System.nanoTime();
            LoadResult loaded = loader.load(dir);
            long t1 = System.nanoTime();
            if (!loaded.isValid()) {
                throw new IllegalStateException(loaded.errors().toString());
            }
            SnapshotCompiler.Result r = compiler.compile(loaded.resources(), ++version);
            long t2 = System.nanoTime();
            SnapshotCompiler.Result.Compiled compiled = (SnapshotCompiler.Result.Compiled) r;
            compiled.clusters().commit();
            System.out.printf(Locale.ROOT, "%s %,d routes: load+validate %5d ms, compile %5d ms, total %5d ms%n",
                    round == 0 ? "full load   " : "1-route edit", routes, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000);
        }
    }

    static void write(Path dir, int routes, String tag) throws IOException {
        StringBuilder gw = new StringBuilder("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  gatewayClassName: meshgate
                  listeners: [{name: http, protocol: HTTP, port: 8080}]
                """);
        for (int b = 0; b < 100; b++) {
            gw.append("---\napiVersion: meshgate.io/v1alpha1\nkind: Backend\nmetadata: {name: svc").append(b)
                    .append("}\nspec:\n  endpoints: [{address: 127.0.0.1, port: ").append(10000 + b).append("}]\n");
        }
        Files.writeString(dir.resolve("gateway.yaml"), gw);
        for (int f = 0; f < 10; f++) {
            Files.writeString(dir.resolve("routes-" + f + ".yaml"), routeFile(f, routes / 10, tag));
        }
    }

    static String routeFile(int file, int count, String tag) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int n = file * count + i;
            String path = n == 0 ? "/" + tag + "/r0" : "/api/r" + n;
            b.append("---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r").append(n)
                    .append("}\nspec:\n  parentRefs: [{name: edge}]\n  hostnames: [\"h").append(n % 50)
                    .append(".example.com\"]\n  rules:\n    - matches:\n        - path: {type: PathPrefix, value: ")
                    .append(path).append("}\n          headers: [{name: x-tenant, value: t").append(n % 7)
                    .append("}]\n      filters:\n        - type: RequestHeaderModifier\n")
                    .append("          requestHeaderModifier: {set: [{name: x-route, value: r").append(n)
                    .append("}]}\n      backendRefs: [{name: svc").append(n % 100).append("}]\n");
        }
        return b.toString();
    }

}
