package dev.modelaccess.core.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 of a model's canonical upstream JSON. Stored beside the row, it tells the sync in one comparison
 * whether anything upstream changed — including fields this library does not map — so an unchanged model is
 * never written.
 */
public final class ModelFingerprint {

    private ModelFingerprint() {}

    public static String of(UpstreamModel model) {
        return of(model.rawJson());
    }

    public static String of(String canonicalJson) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonicalJson.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
