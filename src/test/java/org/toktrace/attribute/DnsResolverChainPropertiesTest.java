package org.toktrace.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.DnsAnswer.Record;
import org.toktrace.model.IpAddress;

/**
 * The chain the resolver keeps for an address is the one its definition gives, for any set of
 * CNAME records: from the question through each target's first owner to the address record,
 * stopping where the chain breaks, loops or reaches {@link DnsResolver#MAX_CHAIN} names.
 */
class DnsResolverChainPropertiesTest {

    private static final IpAddress X = IpAddress.parse("23.50.1.10");
    private static final List<String> NAMES = List.of("q.example", "a.example", "b.example", "c.example", "d.example");

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> cnames() {
        Arbitrary<String> name = Arbitraries.of(NAMES);
        return Combinators.combine(name, name).as(Tuple::of).list().ofMaxSize(8);
    }

    @Property(tries = 2000)
    void theChainIsTheDefinitionsChain(@ForAll("cnames") List<Tuple.Tuple2<String, String>> links,
            @ForAll("holder") String holder) {
        List<Record> records = new ArrayList<>();
        for (Tuple.Tuple2<String, String> l : links) {
            records.add(DnsResolverTest.cname(l.get1(), l.get2()));
        }
        records.add(DnsResolverTest.a(holder, X));
        DnsResolver r = new DnsResolver();
        r.onAnswer(new DnsAnswer(100, DnsResolverTest.PHONE, -1, "q.example", List.copyOf(records)));
        assertEquals(definedChain(links, holder, "q.example"), r.lookup(DnsResolverTest.PHONE_DEV, X, 100).orElseThrow().chain());
    }

    @Provide
    Arbitrary<String> holder() {
        return Arbitraries.of(NAMES);
    }

    /** The definition, written with maps and sets. */
    private static List<String> definedChain(List<Tuple.Tuple2<String, String>> links, String holder, String question) {
        Map<String, String> ownerOf = new HashMap<>();
        for (Tuple.Tuple2<String, String> l : links) {
            ownerOf.putIfAbsent(l.get2(), l.get1());
        }
        List<String> back = new ArrayList<>(List.of(holder));
        Set<String> seen = new HashSet<>(back);
        String at = holder;
        while (!at.equals(question) && back.size() < DnsResolver.MAX_CHAIN) {
            String owner = ownerOf.get(at);
            if (owner == null || !seen.add(owner)) {
                break;
            }
            back.add(owner);
            at = owner;
        }
        Collections.reverse(back);
        return back;
    }
}
