import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a staged release (a Maven repository folder written by the release profile's deploy), run by
 * release/check-staged-release.sh as a single-file Java program: every published module is there with its jar,
 * sources, javadoc, POM and a signature for each (the script verifies the signatures with gpg), the POMs carry what
 * Maven Central requires, every jar names its Automatic-Module-Name, the starter holds no class, the BOM lists only
 * model-access modules and leaks nothing else, nothing unpublished was staged, the staged jars are byte-identical to
 * those of an earlier clean build of the same commit, and the host check's POM holds the README's quick start.
 *
 * <p>Usage: {@code java StagedReleaseCheck.java <staging folder> <checkout> [--compare-with-checkout-jars]}
 */
public final class StagedReleaseCheck {

    /** Published artifact id -> folder in the checkout ("" for the parent) and Automatic-Module-Name (null: a POM). */
    static final Map<String, String[]> PUBLISHED = new LinkedHashMap<>();

    static {
        PUBLISHED.put("model-access-parent", new String[] {".", null});
        PUBLISHED.put("model-access-bom", new String[] {"bom", null});
        PUBLISHED.put("model-access-core", new String[] {"core", "dev.modelaccess.core"});
        PUBLISHED.put("model-access-database", new String[] {"database", "dev.modelaccess.database"});
        PUBLISHED.put("model-access-openrouter", new String[] {"adapter-openrouter", "dev.modelaccess.openrouter"});
        PUBLISHED.put("model-access-jooq", new String[] {"adapter-jooq", "dev.modelaccess.jooq"});
        PUBLISHED.put("model-access-crypto-tink", new String[] {"adapter-tink", "dev.modelaccess.tink"});
        PUBLISHED.put("model-access-notify-http", new String[] {"adapter-notify", "dev.modelaccess.notify.http"});
        PUBLISHED.put(
                "model-access-spring-boot-autoconfigure",
                new String[] {"adapter-spring/autoconfigure", "dev.modelaccess.spring.boot.autoconfigure"});
        PUBLISHED.put(
                "model-access-spring-boot-starter",
                new String[] {"adapter-spring/starter", "dev.modelaccess.spring.boot.starter"});
        PUBLISHED.put("model-access-web", new String[] {"adapter-web", "dev.modelaccess.web"});
        PUBLISHED.put("model-access-test-support", new String[] {"test-support", "dev.modelaccess.testsupport"});
    }

    static final List<String> problems = new ArrayList<>();
    static int checks;

    public static void main(String[] args) throws Exception {
        Path staging = Path.of(args[0]);
        Path checkout = Path.of(args[1]);
        boolean compare = List.of(args).contains("--compare-with-checkout-jars");

        Path group = staging.resolve("dev/modelaccess");
        check(Files.isDirectory(group), "nothing staged under dev/modelaccess in " + staging);
        try (Stream<Path> top = Files.list(staging)) {
            Set<String> roots = top.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            check(roots.equals(Set.of("dev")), "only dev/modelaccess is staged, found " + roots);
        }
        try (Stream<Path> artifacts = Files.list(group)) {
            Set<String> staged =
                    artifacts.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            check(
                    staged.equals(new TreeSet<>(PUBLISHED.keySet())),
                    "exactly the published modules are staged: expected " + new TreeSet<>(PUBLISHED.keySet())
                            + ", found " + staged);
        }

        Document parent = null;
        for (Map.Entry<String, String[]> module : PUBLISHED.entrySet()) {
            String artifact = module.getKey();
            Path folder = versionFolder(group.resolve(artifact));
            if (folder == null) {
                continue;
            }
            boolean jar = module.getValue()[1] != null;
            List<String> kinds = jar ? List.of(".pom", ".jar", "-sources.jar", "-javadoc.jar") : List.of(".pom");
            Map<String, Path> files = new LinkedHashMap<>();
            for (String kind : kinds) {
                Optional<Path> file = newest(folder, artifact, kind);
                check(file.isPresent(), artifact + ": " + kind + " is staged");
                file.ifPresent(f -> {
                    files.put(kind, f);
                    check(Files.isRegularFile(f.resolveSibling(f.getFileName() + ".asc")), f.getFileName() + " is signed");
                });
            }
            Path pomFile = files.get(".pom");
            if (pomFile == null) {
                continue;
            }
            Document pom = xml(pomFile);
            if (artifact.equals("model-access-parent")) {
                parent = pom;
            }
            checkMetadata(artifact, pom, parent);
            if (artifact.equals("model-access-bom")) {
                checkBom(pom);
            }
            if (jar && files.containsKey(".jar")) {
                checkJar(artifact, files.get(".jar"), module.getValue()[1]);
                if (compare) {
                    Path built = checkout.resolve(module.getValue()[0]).resolve("target/" + artifact + "-"
                            + text(pom.getDocumentElement(), "version", parent) + ".jar");
                    check(Files.isRegularFile(built), artifact + ": the first build's jar is there (" + built + ")");
                    if (Files.isRegularFile(built)) {
                        check(
                                sha256(built).equals(sha256(files.get(".jar"))),
                                artifact + ": two clean builds give byte-identical jars (" + built + " vs "
                                        + files.get(".jar").getFileName() + ")");
                    }
                }
            }
        }

        checkQuickStart(checkout);

        if (problems.isEmpty()) {
            System.out.println("staged release: " + checks + " checks passed, 0 failed");
        } else {
            problems.forEach(problem -> System.out.println("FAILED: " + problem));
            System.out.println("staged release: " + (checks - problems.size()) + " checks passed, " + problems.size()
                    + " failed");
            System.exit(1);
        }
    }

    static void check(boolean ok, String what) {
        checks++;
        if (!ok) {
            problems.add(what);
        }
    }

    static Path versionFolder(Path artifact) throws IOException {
        try (Stream<Path> versions = Files.list(artifact)) {
            List<Path> folders = versions.filter(Files::isDirectory).toList();
            check(folders.size() == 1, artifact.getFileName() + ": one version staged, found " + folders);
            return folders.isEmpty() ? null : folders.get(0);
        }
    }

    /**
     * The staged file of one kind: {@code artifact-VERSION.pom}, {@code -sources.jar}, ... For a -SNAPSHOT the
     * deploy writes timestamped names ({@code 0.1.0-20261206.214252-1}); the newest build number wins.
     */
    static Optional<Path> newest(Path folder, String artifact, String kind) throws IOException {
        String classifier = kind.startsWith("-") ? kind.substring(0, kind.indexOf('.')) : "";
        String extension = kind.substring(kind.lastIndexOf('.'));
        Pattern name = Pattern.compile(Pattern.quote(artifact + "-") + "(\\d[\\w.]*?(?:-\\d{8}\\.\\d{6}-(\\d+)|-SNAPSHOT)?)"
                + Pattern.quote(classifier + extension));
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> name.matcher(f.getFileName().toString()).matches())
                    .max((a, b) -> Integer.compare(buildNumber(name, a), buildNumber(name, b)));
        }
    }

    static int buildNumber(Pattern name, Path file) {
        Matcher m = name.matcher(file.getFileName().toString());
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    }

    static void checkMetadata(String artifact, Document pom, Document parent) {
        Element project = pom.getDocumentElement();
        for (String element : List.of("groupId", "artifactId", "version", "name", "description", "url")) {
            check(!text(project, element, parent).isBlank(), artifact + ": POM has <" + element + ">");
        }
        Element licenses = child(project, "licenses", parent);
        check(
                licenses != null && text(licenses, "license/name", null).contains("Apache License, Version 2.0")
                        && text(licenses, "license/url", null).contains("apache.org/licenses/LICENSE-2.0"),
                artifact + ": POM names the Apache License 2.0");
        Element developers = child(project, "developers", parent);
        check(developers != null && !text(developers, "developer/name", null).isBlank(), artifact + ": POM has <developers>");
        Element scm = child(project, "scm", parent);
        check(
                scm != null && !text(scm, "url", null).isBlank() && !text(scm, "connection", null).isBlank(),
                artifact + ": POM has <scm> with url and connection");
    }

    static void checkBom(Document bom) {
        Element project = bom.getDocumentElement();
        for (String leak : List.of("parent", "properties", "build", "profiles", "repositories", "pluginRepositories", "dependencies")) {
            check(direct(project, leak) == null, "model-access-bom: no <" + leak + "> leaks into the BOM");
        }
        Element management = direct(project, "dependencyManagement");
        check(management != null, "model-access-bom: has <dependencyManagement>");
        if (management == null) {
            return;
        }
        Set<String> listed = new TreeSet<>();
        for (Node node = direct(management, "dependencies").getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element dependency) {
                String group = text(dependency, "groupId", null);
                check(group.equals("dev.modelaccess"), "model-access-bom: lists only model-access modules, not " + group);
                check(text(dependency, "scope", null).isEmpty(), "model-access-bom: imports nothing else");
                listed.add(text(dependency, "artifactId", null));
            }
        }
        Set<String> expected = new TreeSet<>(PUBLISHED.keySet());
        expected.removeAll(Set.of("model-access-parent", "model-access-bom"));
        check(listed.equals(expected), "model-access-bom: lists every published module: " + expected + ", found " + listed);
    }

    static void checkJar(String artifact, Path jar, String moduleName) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            check(
                    moduleName.equals(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name")),
                    artifact + ": manifest names Automatic-Module-Name " + moduleName);
            long classes = file.stream().filter(e -> e.getName().endsWith(".class")).count();
            if (artifact.equals("model-access-spring-boot-starter")) {
                check(classes == 0, artifact + ": holds no class (found " + classes + ")");
            } else if (!artifact.equals("model-access-database")) {
                check(classes > 0, artifact + ": holds classes");
            }
        }
    }

    /**
     * Each dependency of the README's quick start (its blocks between "### With Spring Boot" and "**Swap a part.**")
     * appears verbatim, whitespace aside, in the host check's POM, and the host sets the datasource properties.
     */
    static void checkQuickStart(Path checkout) throws IOException {
        String readme = Files.readString(checkout.resolve("README.md"));
        int start = readme.indexOf("### With Spring Boot");
        int end = readme.indexOf("**Swap a part.**", start + 1);
        check(start >= 0 && end > start, "README has a '### With Spring Boot' quick start, then '**Swap a part.**'");
        if (start < 0 || end < start) {
            return;
        }
        String quickStart = readme.substring(start, end);
        String hostPom = squash(Files.readString(checkout.resolve("release/host-check/pom.xml")));
        Matcher block = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(quickStart);
        int dependencies = 0;
        while (block.find()) {
            Matcher dependency = Pattern.compile("<dependency>.*?</dependency>", Pattern.DOTALL).matcher(block.group(1));
            while (dependency.find()) {
                dependencies++;
                String verbatim = squash(dependency.group().replaceAll("<!--.*?-->", ""));
                check(hostPom.contains(verbatim), "the host check's POM holds the README's " + verbatim);
            }
        }
        check(dependencies == 3, "the README's quick start has three dependencies (BOM, starter, driver), found " + dependencies);
        Matcher properties = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL).matcher(quickStart);
        check(properties.find(), "the README's quick start sets the datasource");
        String hostProperties = Files.readString(checkout.resolve("release/host-check/src/main/resources/application.properties"));
        for (String line : properties.group(1).lines().toList()) {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
            check(key.isEmpty() || hostProperties.contains(key + "="), "the host check sets " + key);
        }
    }

    static String squash(String xml) {
        return xml.replaceAll(">\\s+<", "><").replaceAll("\\s+", " ").strip();
    }

    static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(file)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    static Element direct(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    /** The element, or the one the parent POM gives when the module inherits it. */
    static Element child(Element project, String name, Document parent) {
        Element own = direct(project, name);
        if (own == null && parent != null && direct(project, "parent") != null) {
            return direct(parent.getDocumentElement(), name);
        }
        return own;
    }

    static String text(Element from, String path, Document parent) {
        Element current = from;
        String[] steps = path.split("/");
        for (int i = 0; i < steps.length && current != null; i++) {
            Element next = direct(current, steps[i]);
            if (next == null && i == 0 && parent != null) {
                next = child(from, steps[i], parent);
                if (next == null && (steps[i].equals("groupId") || steps[i].equals("version"))) {
                    Element declared = direct(from, "parent");
                    next = declared == null ? null : direct(declared, steps[i]);
                }
            }
            current = next;
        }
        return current == null ? "" : current.getTextContent().strip();
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
