package io.meshgate.cli.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code meshgate consumer create NAME}: prints a Consumer's YAML, optionally with a basic-auth
 * password (read from standard input, stored only as its bcrypt hash) and client-certificate
 * identities. API keys are added with {@code meshgate key create}.
 */
@Command(name = "consumer", mixinStandardHelpOptions = true, subcommands = ConsumerCommand.Create.class,
        description = "Manage Consumers (API clients) and their credentials, as YAML.")
public final class ConsumerCommand {

    /** bcrypt cost of new password hashes: about 50-100 ms per check on a current core (OWASP: at least 10). */
    static final int BCRYPT_COST = 10;

    /** {@code consumer create}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Print the YAML of a new Consumer (apply it with the gateway config).")
    static final class Create implements Callable<Integer> {

        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The Consumer's name (what upstreams see).")
        @SuppressWarnings("NullAway.Init")
        String name;

        @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "Namespace (default: default).")
        @Nullable String namespace;

        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "A label; repeatable.")
        Map<String, String> labels = new LinkedHashMap<>();

        @Option(names = "--password-stdin", description = "Read a basic-auth password from standard input"
                + " (one line); only its bcrypt hash is written.")
        boolean passwordStdin;

        @Option(names = "--username", paramLabel = "USER", description = "Basic-auth user name (default: NAME).")
        @Nullable String username;

        @Option(names = "--cert-subject", paramLabel = "DN", description = "A client certificate subject, e.g."
                + " CN=billing,O=Example; repeatable.")
        List<String> certSubjects = new java.util.ArrayList<>();

        @Option(names = "--cert-san", paramLabel = "SAN", description = "A client certificate subject alternative"
                + " name (URI such as spiffe://..., DNS name, e-mail); repeatable.")
        List<String> certSans = new java.util.ArrayList<>();

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            ObjectNode consumer = ConsumerYaml.create(name, namespace, new LinkedHashMap<>(labels));
            ObjectNode creds = ConsumerYaml.credentials(consumer);
            if (passwordStdin) {
                String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (password == null || password.isEmpty()) {
                    err.println("consumer create: no password on standard input");
                    return ExitCodes.USAGE;
                }
                byte[] salt = new byte[16];
                new SecureRandom().nextBytes(salt);
                ObjectNode basic = creds.putObject("basicAuth");
                if (username != null) {
                    basic.put("username", username);
                }
                basic.put("passwordHash", OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, BCRYPT_COST));
            }
            if (!certSubjects.isEmpty() || !certSans.isEmpty()) {
                var certs = creds.putArray("clientCertificates");
                certSubjects.forEach(s -> certs.addObject().put("subject", s));
                certSans.forEach(s -> certs.addObject().put("san", s));
            }
            List<String> problems = ConsumerYaml.problems(consumer, "consumer " + name);
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("consumer create: " + p));
                return ExitCodes.INVALID_CONFIG;
            }
            spec.commandLine().getOut().print(ConsumerYaml.write(List.of(consumer)));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
