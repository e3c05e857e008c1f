package org.toktrace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package directions of docs/architecture.md ("Packages and who may use whom", from DESIGN.md
 * section 2) and its threads, each rule with its reason.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.toktrace");
    }

    private static String pkg(String name) {
        return "org.toktrace." + name + "..";
    }

    /** Package {@code name} may depend on the JDK, on itself and on {@code allowed} only (plus extras). */
    private static ArchRule only(String name, String because, String[] allowed, String... extras) {
        String[] all = new String[allowed.length + extras.length + 3];
        all[0] = "java..";
        all[1] = pkg(name);
        all[2] = "javax.annotation..";
        for (int i = 0; i < allowed.length; i++) {
            all[3 + i] = pkg(allowed[i]);
        }
        System.arraycopy(extras, 0, all, 3 + allowed.length, extras.length);
        return classes().that().resideInAPackage(pkg(name))
                .should().onlyDependOnClassesThat().resideInAnyPackage(all)
                .because(because); // an empty package fails the rule: a renamed package cannot slip out of it
    }

    private static String[] of(String... names) {
        return names;
    }

    @Test
    void modelDependsOnNothing() {
        only("model", "the shared records must be usable by every layer without dragging one in", of()).check(classes);
    }

    @Test
    void captureUsesOnlyModelAndPcap4j() {
        only("capture", "frame sources know files and devices, not what the frames mean",
                of("model"), "org.pcap4j..", "com.sun.jna..").check(classes);
    }

    @Test
    void decodeUsesOnlyModel() {
        only("decode", "decoding is pure: bytes in, a packet view out", of("model")).check(classes);
    }

    @Test
    void flowUsesDecodeDissectModel() {
        only("flow", "the flow table sees decoded packets and hands payloads to dissectors, nothing else",
                of("decode", "dissect", "model")).check(classes);
    }

    @Test
    void dissectUsesDecodeModel() {
        // QUIC Initial decryption brings its own AES and HMAC-SHA256 (Aes128, Sha256): no javax.crypto
        only("dissect", "dissectors parse payload bytes; they neither follow flows nor attribute them",
                of("decode", "model")).check(classes);
    }

    @Test
    void attributeAndClassifyUseOnlyModel() {
        only("attribute", "attribution works on names and evidence, testable without packets", of("model")).check(classes);
        only("classify", "the state machine works on binned volumes, testable without packets", of("model")).check(classes);
    }

    @Test
    void analysisDoesNotKnowItsUsers() {
        // the JVM's management beans: MemoryGuard reads the heap after each collection
        only("analysis", "the pipeline serves both the CLI and the app, so it may not depend on either, nor on storage or export",
                of("capture", "decode", "flow", "dissect", "attribute", "classify", "model"), "com.sun.management..",
                "javax.management..").check(classes);
    }

    @Test
    void storeAndExportUseOnlyModel() {
        only("store", "storage persists results; it does not run analyses", of("model"), "org.h2..").check(classes);
        // openhtmltopdf: the report's PDF (PdfReportWriter), laid out from the same XHTML the HTML report is
        only("export", "writers turn results into files; they do not compute them", of("model"), "org.apache.commons.csv..",
                "com.openhtmltopdf..").check(classes);
    }

    @Test
    void cliAndUiUseTheirAllowedLayers() {
        // sun.misc.Signal: Ctrl+C stops a live capture cleanly instead of ending the JVM (cli.Interrupts)
        only("cli", "the command line drives the analysis like the app does, never the packet layers directly",
                of("analysis", "store", "export", "model"), "picocli..", "sun.misc..").check(classes);
        only("ui", "the app drives the analysis through its public API, never the packet layers directly",
                of("analysis", "store", "export", "model"), "javafx..", "org.jfree..", "java.awt..", "javax.imageio..",
                "atlantafx..").check(classes);
    }

    @Test
    void onlyCaptureTouchesPcap4j() {
        noClasses().that().resideOutsideOfPackage(pkg("capture"))
                .should().dependOnClassesThat().resideInAnyPackage("org.pcap4j..")
                .because("libpcap is optional: only live capture and the reference reader may load it")
                .check(classes);
    }

    @Test
    void onlyUiTouchesJavaFxJFreeChartOrAwt() {
        noClasses().that().resideOutsideOfPackage(pkg("ui"))
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.jfree..", "java.awt..")
                .because("the command line must run without a display")
                .check(classes);
    }

    @Test
    void onlyCliWritesToStandardOutput() {
        noClasses().that().resideOutsideOfPackage(pkg("cli"))
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("results reach the user through the CLI or the app; libraries never print")
                .check(classes);
    }

    /** No class of {@code packages} references a thread, an executor or a future that runs work elsewhere. */
    private static ArchRule startsNoThreads(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().haveNameMatching("java\\.util\\.concurrent\\.Executor.*")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.ExecutorService.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.CompletableFuture.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.ForkJoinPool.class)
                .because("the packet thread and the worker belong to the analysis package: flow and dissect run on"
                        + " whichever thread calls them, so the hand-off between threads stays in one layer");
    }

    @Test
    void flowAndDissectStartNoThreads() {
        startsNoThreads(pkg("flow"), pkg("dissect")).check(classes);
    }

    @Test
    void theThreadRuleCatchesThePackageThatHasThreads() {
        // the analysis package runs the worker (a ThreadPoolExecutor): the rule must see it
        EvaluationResult r = startsNoThreads(pkg("analysis")).evaluate(classes);
        assertTrue(r.hasViolation(), "PacketPipeline's executor was not seen");
        assertTrue(r.getFailureReport().toString().contains("ThreadPoolExecutor"), r.getFailureReport().toString());
    }

    /** The dissection's per-flow state and the classes that read or write it, on the worker only. */
    private static final String[] DISSECTION_STATE = {
        "org.toktrace.dissect.FlowInspection", "org.toktrace.dissect.FlowDissection",
        "org.toktrace.dissect.PayloadDissectors", "org.toktrace.dissect.ReassemblyBudget",
        "org.toktrace.dissect.StreamReassembly", "org.toktrace.dissect.QuicClientHelloAssembler",
        "org.toktrace.dissect.DnsResponses",
    };

    /** No class of the packet thread's in {@code packetThread} (packages or class names) references dissection state. */
    private static ArchRule packetThreadTouchesNoDissectionState(String... packetThread) {
        return noClasses().that(new DescribedPredicate<JavaClass>(
                        "run on the packet thread") {
                    @Override
                    public boolean test(JavaClass c) {
                        for (String p : packetThread) {
                            if (p.endsWith("..") ? c.getPackageName().startsWith(p.substring(0, p.length() - 2))
                                    : c.getName().equals(p)) {
                                return true;
                            }
                        }
                        return false;
                    }
                })
                .should().dependOnClassesThat().haveNameMatching(String.join("|", DISSECTION_STATE).replace(".", "\\."))
                .because("the packet thread decides what to copy from its own counts (PayloadGate) and hands copies"
                        + " on; the inspection state is the worker's (FlowDissection), so no field is written by both");
    }

    private static final String[] PACKET_THREAD = {
        pkg("capture"), pkg("decode"), pkg("flow"),
        "org.toktrace.dissect.PayloadGate", "org.toktrace.dissect.PayloadGate$Flow",
        "org.toktrace.dissect.PayloadGate$Decision", "org.toktrace.dissect.PayloadCopy",
        "org.toktrace.dissect.DeviceNameParser",
    };

    @Test
    void thePacketThreadsClassesTouchNoDissectionState() {
        packetThreadTouchesNoDissectionState(PACKET_THREAD).check(classes);
    }

    @Test
    void theDissectionStateRuleCatchesAClassThatHoldsIt() {
        EvaluationResult r = packetThreadTouchesNoDissectionState("org.toktrace.dissect.FlowDissection").evaluate(classes);
        assertTrue(r.getFailureReport().toString().contains("FlowInspection"), r.getFailureReport().toString());
    }

    @Test
    void onlyDissectHoldsInspectionState() {
        noClasses().that().resideOutsideOfPackage(pkg("dissect"))
                .should().dependOnClassesThat().haveFullyQualifiedName("org.toktrace.dissect.FlowInspection")
                .because("a flow's inspection state is held by the dissection stage, by flow id, on one thread")
                .check(classes);
    }

    @Test
    void inspectionStateHasNoFieldMeantForAnotherThread() {
        noFields()
                .that().areDeclaredInClassesThat().haveFullyQualifiedName("org.toktrace.dissect.FlowInspection")
                .should().haveModifier(JavaModifier.VOLATILE)
                .because("one thread writes and reads a flow's inspection state: a volatile field would say otherwise")
                .check(classes);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.toktrace.(*)..").should().beFreeOfCycles().check(classes);
    }
}
