package org.toktrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The inputs of the {@code package} profile agree with each other and with {@code pom.xml}, checked
 * in the default build because jpackage runs only on demand and on one system at a time: a wrong
 * placeholder, icon or path shows only on a machine where the package is installed.
 */
class PackagingInputsTest {

    private static final Path BASE = Path.of(System.getProperty("basedir", "."));
    private static final Path PACKAGING = BASE.resolve(Path.of("src", "packaging"));
    private static final Path LINUX = PACKAGING.resolve(Path.of("linux", "resources"));
    private static final Set<String> OSES = Set.of("linux", "windows", "macos");
    /** Words jpackage replaces in its templates: capitals with at least one underscore. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");

    private static Document pom;

    @BeforeAll
    static void readPom() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        pom = f.newDocumentBuilder().parse(BASE.resolve("pom.xml").toFile());
    }

    // ---- the pom, read as the profiles are written

    private static Element profile(String id) {
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element p = (Element) profiles.item(i);
            if (id.equals(child(p, "id").getTextContent().trim())) {
                return p;
            }
        }
        throw new AssertionError("no profile " + id + " in pom.xml");
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    /** A property of a profile, with {@code ${project.basedir}} and the profile's own properties put in. */
    private static String property(String profile, String name) {
        String value = child(child(profile(profile), "properties"), name).getTextContent().trim();
        return expand(value, profile);
    }

    private static boolean hasProperty(String profile, String name) {
        Element properties = child(profile(profile), "properties");
        for (Node n = properties.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code value} with the properties this test knows put in; others stay as they are. */
    private static String expand(String value, String profile) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String v = switch (key) {
                case "project.basedir" -> BASE.toString();
                case "project.build.finalName" -> "toktrace";
                case "main.class" -> child(child(pom.getDocumentElement(), "properties"), "main.class").getTextContent().trim();
                default -> hasProperty(profile, key) ? property(profile, key) : m.group();
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        return m.appendTail(sb).toString();
    }

    /** The {@code <argument>}s of the exec execution {@code id} in {@code profile}, expanded as there. */
    private static List<String> arguments(String profile, String id, String propertiesOf) {
        NodeList executions = profile(profile).getElementsByTagName("execution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element e = (Element) executions.item(i);
            if (id.equals(child(e, "id").getTextContent().trim())) {
                NodeList args = child(child(e, "configuration"), "arguments").getElementsByTagName("argument");
                List<String> out = new ArrayList<>();
                for (int k = 0; k < args.getLength(); k++) {
                    out.add(expand(args.item(k).getTextContent().trim(), propertiesOf));
                }
                return out;
            }
        }
        throw new AssertionError("no execution " + id + " in profile " + profile);
    }

    /** Every value that follows {@code option} in {@code args}. */
    private static List<String> values(List<String> args, String option) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(option)) {
                out.add(args.get(i + 1));
            }
        }
        return out;
    }

    private static String only(List<String> args, String option) {
        List<String> v = values(args, option);
        assertEquals(1, v.size(), option + " given once: " + v);
        return v.get(0);
    }

    private static List<String> appImage() {
        return arguments("package", "jpackage-app-image", "package");
    }

    private static List<String> installer() {
        return arguments("package", "jpackage-installer", "package");
    }

    private static String launcherName() {
        String name = only(appImage(), "--name");
        assertEquals(name, only(installer(), "--name"), "the app image and the installer name the same app");
        return name;
    }

    // ---- files

    private static String read(Path p) throws IOException {
        assertTrue(Files.isRegularFile(p), p + " exists");
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static Map<String, String> desktopEntry() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> lines = read(LINUX.resolve(launcherName() + ".desktop")).lines().toList();
        assertEquals("[Desktop Entry]", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            int eq = line.indexOf('=');
            keys.put(eq < 0 ? line.trim() : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
        }
        return keys;
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The template jpackage itself fills, from the JDK that runs the tests (jdk.jpackage is in every JDK 17). */
    private static String jpackageTemplate(String name) throws IOException {
        ModuleReference module = ModuleFinder.ofSystem().find("jdk.jpackage")
                .orElseThrow(() -> new AssertionError("this JDK has no jdk.jpackage module: use a full JDK 17"));
        try (ModuleReader reader = module.open();
                InputStream in = reader.open("jdk/jpackage/internal/resources/" + name)
                        .orElseThrow(() -> new AssertionError("jdk.jpackage has no " + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Properties association(String file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(read(Path.of(file))));
        return p;
    }

    // ---- the desktop entry and the file associations

    @Test
    void theDesktopEntryIsTheLaunchersAndHasEveryFieldJpackageFills() throws IOException {
        assertEquals("toktrace", launcherName(), "the command on the PATH and the desktop entry's file name");
        Map<String, String> entry = desktopEntry();
        assertTrue(entry.get("Exec").startsWith("APPLICATION_LAUNCHER"), "runs the launcher: " + entry.get("Exec"));
        assertTrue(entry.get("Exec").endsWith(" %F"), "a capture opened from the file manager reaches the launcher");
        assertEquals("APPLICATION_ICON", entry.get("Icon"));
        assertEquals("Application", entry.get("Type"));
        assertEquals("false", entry.get("Terminal"), "the menu entry opens the window, not a terminal");
        assertEquals(placeholders(jpackageTemplate("template.desktop")), placeholders(read(LINUX.resolve("toktrace.desktop"))),
                "the same placeholders as jpackage's own desktop template: a misspelt one stays in the menu entry as it is");
    }

    @Test
    void theFileAssociationsAreThoseOfTheDesktopEntryAndOfEverySystem() throws IOException {
        List<String> files = values(installer(), "--file-associations");
        assertEquals(2, files.size(), files.toString());
        Map<String, String> mimeByExtension = new LinkedHashMap<>();
        for (String file : files) {
            Properties p = association(file);
            String extension = p.getProperty("extension");
            assertEquals(Path.of(file).getFileName().toString(), extension + ".properties", "one file per extension, named after it");
            assertFalse(p.getProperty("description", "").isBlank(), file + " describes the type");
            mimeByExtension.put(extension, p.getProperty("mime-type"));
        }
        assertEquals(Map.of("pcap", "application/vnd.tcpdump.pcap", "pcapng", "application/x-pcapng"), mimeByExtension,
                "pcap by its IANA type, pcapng by the name Wireshark registers with shared-mime-info (docs/install.md)");

        // jpackage writes the associations' types where the entry says DESKTOP_MIMES; a literal
        // MimeType line would be written as it is
        Map<String, String> entry = desktopEntry();
        Set<String> entryTypes = new TreeSet<>();
        if (entry.containsKey("MimeType")) {
            entryTypes.addAll(Arrays.asList(entry.get("MimeType").split(";")));
        }
        if (entry.containsKey("DESKTOP_MIMES")) {
            entryTypes.addAll(mimeByExtension.values());
        }
        assertEquals(new TreeSet<>(mimeByExtension.values()), entryTypes, "the types the menu entry opens");

        // macOS takes them with the app image, whose Info.plist declares the documents
        assertEquals(files, values(arguments("mac", "jpackage-app-image", "mac"), "--file-associations"));
    }

    // ---- icons

    @Test
    void theIconsExistInTheSizesTheDocumentationGives() throws IOException {
        Path png = Path.of(property("package", "package.icon"));
        assertEquals(PACKAGING.resolve("toktrace.png"), png);
        assertEquals(Set.of(256), pngSizes(Files.readAllBytes(png)), "the source icon");
        assertEquals("${package.icon}", rawIcon("jpackage-app-image"), "each system's icon comes from its profile");
        assertEquals("${package.icon}", rawIcon("jpackage-installer"), "each system's icon comes from its profile");
        Path ico = Path.of(property("windows", "package.icon"));
        assertEquals(PACKAGING.resolve(Path.of("windows", "resources", launcherName() + ".ico")), ico,
                "in the resource folder under the launcher's name, where jpackage also looks for it");
        assertEquals(Set.of(16, 24, 32, 48, 64, 128, 256), icoSizes(Files.readAllBytes(ico)));
        Path icns = Path.of(property("mac", "package.icon"));
        assertEquals(PACKAGING.resolve(Path.of("macos", "resources", launcherName() + ".icns")), icns);
        assertEquals(Set.of(16, 32, 48, 128, 256), icnsSizes(Files.readAllBytes(icns)));
    }

    private static String rawIcon(String execution) {
        NodeList executions = profile("package").getElementsByTagName("execution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element e = (Element) executions.item(i);
            if (execution.equals(child(e, "id").getTextContent().trim())) {
                NodeList args = e.getElementsByTagName("argument");
                for (int k = 0; k + 1 < args.getLength(); k++) {
                    if (args.item(k).getTextContent().trim().equals("--icon")) {
                        return args.item(k + 1).getTextContent().trim();
                    }
                }
            }
        }
        throw new AssertionError("no --icon in " + execution);
    }

    /** A PNG's size from its IHDR chunk, which the format puts first. */
    static Set<Integer> pngSizes(byte[] png) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertTrue(png.length >= 24 && Arrays.equals(signature, Arrays.copyOf(png, 8)), "a PNG");
        ByteBuffer b = ByteBuffer.wrap(png);
        assertEquals("IHDR", new String(png, 12, 4, StandardCharsets.US_ASCII));
        int width = b.getInt(16);
        assertEquals(width, b.getInt(20), "square");
        return Set.of(width);
    }

    /** The sizes in an ICO directory (little-endian; a width byte of 0 means 256), each image inside the file. */
    static Set<Integer> icoSizes(byte[] ico) {
        ByteBuffer b = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(ico.length >= 6 && b.getShort(0) == 0 && b.getShort(2) == 1, "an ICO header");
        int count = b.getShort(4) & 0xFFFF;
        assertTrue(ico.length >= 6 + 16 * count, "the directory fits");
        Set<Integer> sizes = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            int at = 6 + 16 * i;
            int w = ico[at] == 0 ? 256 : ico[at] & 0xFF;
            int h = ico[at + 1] == 0 ? 256 : ico[at + 1] & 0xFF;
            assertEquals(w, h, "square");
            long size = b.getInt(at + 8) & 0xFFFF_FFFFL;
            long offset = b.getInt(at + 12) & 0xFFFF_FFFFL;
            assertTrue(size > 0 && offset + size <= ico.length, "image " + i + " inside the file");
            sizes.add(w);
        }
        return sizes;
    }

    /** The sizes of an ICNS file's colour elements (big-endian type and length after an 8-byte header). */
    static Set<Integer> icnsSizes(byte[] icns) {
        Map<String, Integer> sizeByType = Map.of("is32", 16, "il32", 32, "ih32", 48, "it32", 128,
                "icp4", 16, "icp5", 32, "icp6", 64, "ic07", 128, "ic08", 256, "ic09", 512);
        ByteBuffer b = ByteBuffer.wrap(icns);
        assertTrue(icns.length >= 8 && "icns".equals(new String(icns, 0, 4, StandardCharsets.US_ASCII)), "an ICNS header");
        assertEquals(icns.length, b.getInt(4), "the header's length is the file's");
        Set<Integer> sizes = new TreeSet<>();
        for (int at = 8; at < icns.length; ) {
            assertTrue(at + 8 <= icns.length, "an element header at " + at);
            String type = new String(icns, at, 4, StandardCharsets.US_ASCII);
            int length = b.getInt(at + 4);
            assertTrue(length >= 8 && at + length <= icns.length, type + " inside the file");
            if (sizeByType.containsKey(type)) {
                sizes.add(sizeByType.get(type));
            }
            at += length;
        }
        return sizes;
    }

    // ---- the Debian install scripts

    @Test
    void theInstallScriptsAreExecutableAndUseTheInstalledPaths() throws IOException {
        String name = launcherName();
        String linuxArgs = read(PACKAGING.resolve(Path.of("linux", "jpackage.args")));
        assertFalse(linuxArgs.contains("--install-dir"), "the scripts assume jpackage's default folder");
        Matcher pkg = Pattern.compile("--linux-package-name\\s+(\\S+)").matcher(linuxArgs);
        assertTrue(pkg.find(), "the package is named");
        // jpackage's dependency scan sees only the runtime's own libraries, not JavaFX's glass, which
        // loads GTK 3 at run time: without it the app cannot open its window on a minimal system
        Matcher deps = Pattern.compile("--linux-package-deps\\s+(\\S+)").matcher(linuxArgs);
        assertTrue(deps.find() && List.of(deps.group(1).split(",")).contains("libgtk-3-0"), "the package depends on GTK 3");
        String root = "/opt/" + pkg.group(1);
        String launcher = root + "/bin/" + name;
        String app = root + "/lib/app";

        Path postinstFile = LINUX.resolve("postinst");
        Path prermFile = LINUX.resolve("prerm");
        String postinst = read(postinstFile);
        String prerm = read(prermFile);
        for (Path script : List.of(postinstFile, prermFile)) {
            assertTrue(Files.isExecutable(script), script + " is executable, as dpkg runs it");
            assertTrue(read(script).startsWith("#!/bin/sh\n"), script + " names its shell");
        }
        for (String script : List.of(postinst, prerm)) {
            Matcher opt = Pattern.compile("/opt/[A-Za-z0-9._/-]*").matcher(script);
            while (opt.find()) {
                assertTrue(opt.group().equals(root) || opt.group().startsWith(root + "/"), "under " + root + ": " + opt.group());
            }
        }
        assertTrue(placeholders(jpackageTemplate("template.postinst")).containsAll(placeholders(postinst)),
                "only jpackage's placeholders: " + placeholders(postinst));
        assertTrue(placeholders(jpackageTemplate("template.prerm")).containsAll(placeholders(prerm)),
                "only jpackage's placeholders: " + placeholders(prerm));
        assertTrue(postinst.contains("DESKTOP_COMMANDS_INSTALL") && prerm.contains("DESKTOP_COMMANDS_UNINSTALL"),
                "the menu entry and the associations are installed and removed");

        // the command on the PATH: written by postinst to start the packaged runtime with the launcher's
        // class path and options, removed by prerm only while it is ours (or an older package's link)
        assertTrue(postinst.contains("> /usr/bin/" + name) && postinst.contains("chmod 755 /usr/bin/" + name), postinst);
        assertTrue(postinst.contains(root + "/lib/runtime/bin/java") && postinst.contains("org.toktrace.Launcher"), postinst);
        assertTrue(postinst.contains("written by the toktrace package") && prerm.contains("written by the toktrace package"),
                "prerm recognises the command postinst writes");
        assertTrue(prerm.contains("rm -f /usr/bin/" + name) && prerm.contains(launcher), prerm);

        // the class-data archive: where the launcher's java option looks, dumped and removed there
        String archiveOption = values(appImage(), "--java-options").stream()
                .filter(o -> o.startsWith("-XX:SharedArchiveFile=")).findFirst().orElseThrow();
        assertEquals("-XX:SharedArchiveFile=$APPDIR/" + name + ".jsa", archiveOption);
        assertTrue(postinst.contains("app=" + app + "\n"), "the scripts' app folder is jpackage's $APPDIR");
        assertTrue(postinst.contains("-XX:ArchiveClassesAtExit=\"$app/" + name + ".jsa\""), postinst);
        assertTrue(prerm.contains("rm -f " + app + "/" + name + ".jsa"), prerm);
        assertTrue(postinst.contains(root + "/lib/runtime/bin/java"), "the package's own runtime dumps it");
        assertTrue(postinst.contains("$app/" + name + ".cfg"), "the class path is read from the launcher's configuration");
        String mainClass = only(appImage(), "--main-class");
        assertTrue(postinst.contains(" " + mainClass + " "), "the launcher's main class: " + mainClass);

        // the sample capture the dump analyses is one the build copies into the app folder
        assertTrue(postinst.contains("\"$app/training/hotspot-sample.pcap\""), postinst);
        assertTrue(Files.isRegularFile(BASE.resolve(Path.of("captures", "hotspot-sample.pcap"))));
        String pomText = read(BASE.resolve("pom.xml"));
        assertTrue(pomText.contains("<targetPath>training</targetPath>") && pomText.contains("<include>hotspot-sample.pcap</include>"),
                "the package profile copies the sample to training/");
    }

    // ---- each system's options

    @Test
    void everySystemHasItsOptionsAndResourceFolder() throws IOException {
        assertEquals(PACKAGING.resolve(Path.of("linux", "resources")), Path.of(only(installer(), "--resource-dir")));
        List<String> argFiles = installer().stream().filter(a -> a.startsWith("@")).toList();
        assertEquals(1, argFiles.size(), argFiles.toString());
        assertEquals(PACKAGING.resolve(Path.of("linux", "jpackage.args")), Path.of(argFiles.get(0).substring(1)));
        for (String os : OSES) {
            Path dir = PACKAGING.resolve(os);
            // jpackage stops when the resource folder it is given does not exist
            assertTrue(Files.isDirectory(dir.resolve("resources")), os + "/resources exists");
            String args = read(dir.resolve("jpackage.args"));
            assertFalse(args.isBlank(), os + " has options");
        }
        assertEquals("linux", property("package", "package.os"));
        assertEquals("deb", property("package", "package.type"));
        assertEquals("windows", property("windows", "package.os"));
        assertEquals("msi", property("windows", "package.type"));
        assertEquals("macos", property("mac", "package.os"));
        assertEquals("dmg", property("mac", "package.type"));
        assertEquals("windows", child(child(child(profile("windows"), "activation"), "os"), "family").getTextContent().trim());
        assertEquals("mac", child(child(child(profile("mac"), "activation"), "os"), "family").getTextContent().trim());

        String windows = read(PACKAGING.resolve(Path.of("windows", "jpackage.args")));
        Matcher uuid = Pattern.compile("--win-upgrade-uuid\\s+(\\S+)").matcher(windows);
        assertTrue(uuid.find(), "a fixed upgrade code, so a newer .msi replaces the installed one");
        assertEquals(uuid.group(1), UUID.fromString(uuid.group(1)).toString());
        List<String> launchers = values(arguments("windows", "jpackage-app-image", "windows"), "--add-launcher");
        assertEquals(1, launchers.size(), launchers.toString());
        String[] launcher = launchers.get(0).split("=", 2);
        assertEquals(launcherName() + "-cli", launcher[0]);
        assertEquals(PACKAGING.resolve(Path.of("windows", "toktrace-cli.properties")), Path.of(launcher[1]));
        Properties cli = association(PACKAGING.resolve(Path.of("windows", "toktrace-cli.properties")).toString());
        assertEquals("true", cli.getProperty("win-console"), "the command line's launcher keeps its console");
        assertTrue(read(PACKAGING.resolve(Path.of("macos", "jpackage.args"))).contains("--mac-package-identifier org.toktrace."));
    }
}
