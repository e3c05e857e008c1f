package org.toktrace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

/**
 * Each test class runs under one engine, JUnit Jupiter or jqwik. A class with both kinds of test
 * method is run by both engines, and Surefire then counts tests that its per-class report does not
 * hold, so the total it prints stops matching the reports. Examples go in {@code FooTest}, jqwik
 * properties in {@code FooPropertiesTest}.
 */
class TestEnginesTest {

    private static final String JUPITER = "org.junit.jupiter";
    private static final String JQWIK = "net.jqwik";

    /** The engines whose test annotations (those meta-annotated {@link Testable}) a class's methods carry. */
    static Set<String> engines(JavaClass c) {
        Set<String> engines = new TreeSet<>();
        for (JavaMethod m : c.getAllMethods()) {
            for (JavaAnnotation<JavaMethod> a : m.getAnnotations()) {
                JavaClass type = a.getRawType();
                if (!type.isEquivalentTo(Testable.class) && !type.isMetaAnnotatedWith(Testable.class)) {
                    continue;
                }
                String pkg = type.getPackageName();
                if (pkg.startsWith(JUPITER)) {
                    engines.add("JUnit Jupiter");
                } else if (pkg.startsWith(JQWIK)) {
                    engines.add("jqwik");
                }
            }
        }
        return engines;
    }

    private static final ArchCondition<JavaClass> ONE_ENGINE = new ArchCondition<>("run under one test engine") {
        @Override
        public void check(JavaClass c, ConditionEvents events) {
            Set<String> engines = engines(c);
            if (engines.size() > 1) {
                events.add(SimpleConditionEvent.violated(c, c.getName() + " has test methods for " + engines
                        + ": put the jqwik properties in their own ...PropertiesTest class"));
            }
        }
    };

    private static ArchRule rule() {
        return classes().that().doNotHaveFullyQualifiedName(Mixed.class.getName()).should(ONE_ENGINE)
                .because("a class run by two engines is counted twice by Surefire but reported once");
    }

    @Test
    void noTestClassMixesJupiterAndJqwik() {
        JavaClasses tests = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("org.toktrace");
        assertTrue(tests.contain(TestEnginesTest.class), "the test classes were imported");
        rule().check(tests);
    }

    @Test
    void aClassWithBothKindsOfTestIsCaught() {
        JavaClasses mixed = new ClassFileImporter().importClasses(Mixed.class, TestEnginesTest.class);
        assertTrue(engines(mixed.get(Mixed.class)).containsAll(Set.of("JUnit Jupiter", "jqwik")));
        assertEquals(Set.of("JUnit Jupiter"), engines(mixed.get(TestEnginesTest.class)));
        ArchRule withoutExclusion = classes().should(ONE_ENGINE);
        AssertionError e = assertThrows(AssertionError.class, () -> withoutExclusion.check(mixed));
        assertTrue(e.getMessage().contains(Mixed.class.getName()), e.getMessage());
    }

    /**
     * What the rule refuses. Neither engine runs it: Surefire leaves nested classes out, and neither
     * Jupiter ({@code @Nested} only) nor jqwik ({@code @Group} only) descends into a static one.
     */
    static final class Mixed {
        @Test
        void example() {
        }

        @Property
        boolean property() {
            return true;
        }
    }
}
