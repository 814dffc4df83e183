package dev.modelaccess.tink;

import com.google.crypto.tink.KeysetHandle;
import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.keys.SecretCipherException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.stream.Collectors;

/**
 * Makes and rotates keysets for {@code modelaccess.keys.keyset} from a shell.
 *
 * <pre>
 * java -cp &lt;classpath&gt; dev.modelaccess.tink.KeysetTool generate         # prints a new keyset (base64)
 * java -cp &lt;classpath&gt; dev.modelaccess.tink.KeysetTool rotate &lt; old.b64  # prints it with a new primary key
 * java -cp &lt;classpath&gt; dev.modelaccess.tink.KeysetTool describe &lt; k.b64 # prints key ids and status, no secret
 * </pre>
 *
 * {@code rotate} and {@code describe} read the keyset from standard input, so it does not show up in the shell
 * history or the process list. From a checkout, through Maven:
 *
 * <pre>
 * ./mvnw -q -pl adapter-tink -am compile exec:java -Dexec.skip=true \
 *     -Dexec.mainClass=dev.modelaccess.tink.KeysetTool -Dexec.args=generate
 * </pre>
 */
final class KeysetTool {

    private KeysetTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            return usage(err);
        }
        try {
            switch (args[0]) {
                case "generate" -> out.println(TinkSecretCipher.generateBase64Keyset());
                case "rotate" -> out.println(TinkSecretCipher.rotateBase64Keyset(read(in)));
                case "describe" -> out.println(describe(read(in)));
                default -> {
                    return usage(err);
                }
            }
            return 0;
        } catch (ModelAccessException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static String describe(String base64Keyset) {
        KeysetHandle keyset;
        try {
            keyset = TinkSecretCipher.KeysetSource.cleartextBase64(base64Keyset).load();
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("Could not read the keyset: " + e.getMessage(), e);
        }
        TinkSecretCipher cipher = TinkSecretCipher.fromKeysetHandle(keyset);
        StringBuilder text = new StringBuilder("primary key id: " + cipher.primaryKeyId());
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            text.append(System.lineSeparator())
                    .append("key ")
                    .append(Integer.toUnsignedString(entry.getId()))
                    .append(' ')
                    .append(entry.getStatus())
                    .append(entry.isPrimary() ? " primary" : "");
        }
        return text.toString();
    }

    private static String read(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: KeysetTool generate | rotate < keyset.b64 | describe < keyset.b64");
        return 2;
    }
}
