package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
}
