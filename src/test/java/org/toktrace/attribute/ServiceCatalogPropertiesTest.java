package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any string in, a match or nothing out; never an exception. Names come from untrusted packets. */
class ServiceCatalogPropertiesTest {

    private final ServiceCatalog catalog = ServiceCatalog.bundled();

    @Property(tries = 3000)
    void anyStringNeverThrows(@ForAll String name) {
        assertNotNull(catalog.match(name));
    }

    @Provide
    Arbitrary<String> hostLike() {
        Arbitrary<String> label = Arbitraries.oneOf(
                Arbitraries.of("tiktok", "tiktokcdn", "com", "net", "v16-webapp", "p16", "akamaized", "google", "mtalk", "", "-"),
                Arbitraries.strings().withChars("abcxyz0129-._\u00e9\u0130").ofMaxLength(12));
        return label.list().ofMaxSize(12).map(l -> String.join(".", l));
    }

    @Property(tries = 3000)
    void hostLikeNamesNeverThrowAndIgnoreCaseAndOneTrailingDot(@ForAll("hostLike") String name) {
        var m = catalog.match(name);
        assertNotNull(m);
        if (!name.endsWith(".")) {
            assertEquals(m, catalog.match(name + "."));
        }
    }

    /** Names with upper case, non-ASCII letters, dots in every place and one too many characters. */
    @Provide
    Arbitrary<String> nameLike() {
        Arbitrary<String> label = Arbitraries.strings().withChars("aZz09-.\u00e9\u00c9\u0130").ofMaxLength(6);
        return Arbitraries.oneOf(label.list().ofMaxSize(8).map(l -> String.join(".", l)),
                Arbitraries.strings().withChars("ab.").ofMinLength(1020).ofMaxLength(1026));
    }

    @Property(tries = 5000)
    void normalizeIsLowerCaseWithoutOneTrailingDotOrNullForAnEmptyLabel(@ForAll("nameLike") String name) {
        assertEquals(normalizedAsDefined(name), ServiceCatalog.normalize(name));
    }

    /** The definition, written plainly (the code takes a one-pass way for speed). */
    private static String normalizedAsDefined(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.length() > 1024) {
            return null;
        }
        n = n.toLowerCase(Locale.ROOT);
        return n.startsWith(".") || n.contains("..") ? null : n;
    }
}
