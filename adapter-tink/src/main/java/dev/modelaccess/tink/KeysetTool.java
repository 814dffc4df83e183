package dev.modelaccess.tink;

import static dev.modelaccess.tink.TinkSecretCipher.CONFIGURATION;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
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
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Makes and rotates keysets for {@code modelaccess.keys.keyset}: from code ({@link #generate()}, {@link
 * #rotate(String)}) or from a shell.
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
public final class KeysetTool {

    private KeysetTool() {}

    /** A fresh keyset of one AES-256-GCM key, as base64 of its JSON: a value for {@code modelaccess.keys.keyset}. */
    public static String generate() {
        try {
            return toBase64(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, CONFIGURATION));
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("Could not generate a keyset", e);
        }
    }

    /**
     * {@code base64Keyset} with a new AES-256-GCM key added and made primary; every key it held stays, so values
     * written before still decrypt.
     *
     * @throws SecretCipherException when {@code base64Keyset} is not a keyset, never quoting it
     */
    public static String rotate(String base64Keyset) {
        try {
            return toBase64(KeysetHandle.newBuilder(parseCleartext(base64Keyset))
                    .setConfiguration(CONFIGURATION)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build());
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("Could not rotate the keyset: " + e.getMessage(), e);
        }
    }

    /** A keyset in clear from base64 of its JSON, or the JSON itself; white space in base64 is ignored. */
    static KeysetHandle parseCleartext(String base64Keyset) throws GeneralSecurityException {
        String compact = base64Keyset.replaceAll("\\s+", "");
        if (compact.isEmpty()) {
            throw new GeneralSecurityException("the keyset value is empty");
        }
        String json;
        if (compact.startsWith("{")) {
            json = base64Keyset;
        } else {
            try {
                json = new String(Base64.getDecoder().decode(compact), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException("the keyset value is neither base64 nor JSON");
            }
        }
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, CONFIGURATION, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new GeneralSecurityException("the keyset value is not a Tink JSON keyset", e);
        }
    }

    private static String toBase64(KeysetHandle keyset) throws GeneralSecurityException {
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, CONFIGURATION, InsecureSecretKeyAccess.get());
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            return usage(err);
        }
        try {
            switch (args[0]) {
                case "generate" -> out.println(generate());
                case "rotate" -> out.println(rotate(read(in)));
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
            keyset = parseCleartext(base64Keyset);
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
