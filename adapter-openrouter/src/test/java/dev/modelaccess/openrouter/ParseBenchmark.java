package dev.modelaccess.openrouter;

import dev.modelaccess.testsupport.data.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How long reading the real 549-model catalog takes (bytes to {@link ModelsPage}: JSON tree, typed models,
 * canonical raw JSON). Not a test: run it by hand, see the class comment in the report for the command.
 *
 * <pre>
 * ./mvnw -B -q -pl adapter-openrouter -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test -Dspotless.check.skip=true
 * java -cp "adapter-openrouter/target/test-classes:adapter-openrouter/target/classes:$(cat adapter-openrouter/target/test.classpath)" \
 *     dev.modelaccess.openrouter.ParseBenchmark [path/to/models-2026-08-14-all-modalities.json]
 * </pre>
 */
public final class ParseBenchmark {

    private ParseBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path file =
                args.length > 0 ? Path.of(args[0]) : SharedData.openRouterFile("models-2026-08-14-all-modalities.json");
        byte[] body = Files.readAllBytes(file);
        int warmup = 200;
        int measured = 200;
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += ModelsPageReader.read(body, 200).models().size();
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            sink += ModelsPageReader.read(body, 200).models().size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%s: %d bytes, %d models; after %d warm-up runs, over %d runs: median %.2f ms, p90 %.2f ms, min %.2f ms"
                        + " (checksum %d)%n",
                file.getFileName(),
                body.length,
                ModelsPageReader.read(body, 200).models().size(),
                warmup,
                measured,
                nanos[measured / 2] / 1e6,
                nanos[measured * 9 / 10] / 1e6,
                nanos[0] / 1e6,
                sink);
    }
}
