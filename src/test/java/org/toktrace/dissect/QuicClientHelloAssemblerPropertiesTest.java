package org.toktrace.dissect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.toktrace.dissect.QuicInitialSealer.concat;
import static org.toktrace.dissect.QuicInitialSealer.crypto;
import static org.toktrace.dissect.QuicInitialSealer.seal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.toktrace.model.ClientHelloInfo;

/**
 * Hostile bytes in, null or a ClientHello out: never an exception, the caller's buffer never
 * written, and nothing read outside {@code [off, off + len)}. Reads past the end are caught by
 * the buffer's limit; reads before {@code off} by running each input twice between different
 * surrounding bytes and requiring the same outcome.
 */
class QuicClientHelloAssemblerPropertiesTest {

    private static final byte[] CH = QuicTestVectors.clientHello();
    private static final byte[] DCID = {5, 6, 7, 8, 9, 10, 11, 12};

    /** Feeds every datagram to a new assembler, placed at {@code lead} in a buffer limited to its end. */
    private static String outcome(List<byte[]> datagrams, int lead, byte fill) {
        QuicClientHelloAssembler a = new QuicClientHelloAssembler();
        StringBuilder sb = new StringBuilder();
        for (byte[] d : datagrams) {
            byte[] backing = new byte[lead + d.length + 32];
            Arrays.fill(backing, fill);
            System.arraycopy(d, 0, backing, lead, d.length);
            byte[] before = backing.clone();
            ByteBuffer buf = ByteBuffer.wrap(backing);
            buf.limit(lead + d.length);
            ClientHelloInfo info = a.onDatagram(buf, lead, d.length);
            assertArrayEquals(before, backing, "the datagram was written to");
            QuicClientHelloAssembler.looksLikeClientInitial(buf, lead, d.length);
            sb.append(info).append(';');
        }
        return sb.append(a.gaveUp()).append(a.version()).append(a.clientHello()).toString();
    }

    private static String check(List<byte[]> datagrams, int lead) {
        String first = outcome(datagrams, lead, (byte) 0x00);
        assertEquals(first, outcome(datagrams, lead, (byte) 0xC3), "depends on bytes outside the datagram");
        return first;
    }

    @Provide
    Arbitrary<Integer> versions() {
        return Arbitraries.of(QuicClientHelloAssembler.VERSION_1, QuicClientHelloAssembler.VERSION_2, 0xff00001d,
                0xff00001c, 0x1a2a3a4a, 0, 0x51303436);
    }

    /** Random bytes behind a long header of a version we decrypt, so the walk gets past its first checks. */
    @Property(tries = 2000)
    void randomBytesNeverThrow(@ForAll @Size(max = 1400) byte[] body, @ForAll("versions") int version,
            @ForAll @IntRange(min = 0, max = 3) int typeBits, @ForAll @IntRange(min = 0, max = 9) int lead,
            @ForAll boolean raw) {
        byte[] d = body;
        if (!raw) {
            d = concat(new byte[] {(byte) (0xC0 | typeBits << 4), (byte) (version >>> 24), (byte) (version >>> 16),
                (byte) (version >>> 8), (byte) version}, body);
        }
        check(List.of(d), lead);
    }

    @Provide
    Arbitrary<byte[]> initials() {
        byte[] split1 = seal(QuicClientHelloAssembler.VERSION_1, DCID, DCID, 0, concat(QuicInitialSealer.ackEcn(),
                crypto(CH, 0, 100), new byte[] {0x01, 0x00, 0x00}, crypto(CH, 100, CH.length - 100)), 300);
        byte[] coalesced = concat(seal(QuicClientHelloAssembler.VERSION_1, DCID, DCID, 1, crypto(CH, 0, 60), 0),
                seal(QuicClientHelloAssembler.VERSION_1, DCID, DCID, 2, crypto(CH, 60, CH.length - 60), 0));
        return Arbitraries.of(QuicTestVectors.V1_CLIENT_INITIAL, QuicTestVectors.V2_CLIENT_INITIAL, split1, coalesced);
    }

    /** Mutated real Initials reach the decryption and frame code that random bytes never pass. */
    @Property(tries = 1500)
    void mutatedInitialsNeverThrow(@ForAll("initials") byte[] initial, @ForAll @IntRange(min = 0, max = 1300) int position,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 1300) int cut, @ForAll @IntRange(min = 0, max = 5) int lead) {
        byte[] mutated = initial.clone();
        if (position < mutated.length) {
            mutated[position] = value;
        }
        byte[] truncated = Arrays.copyOf(mutated, Math.min(mutated.length, Math.max(1, mutated.length - cut)));
        check(List.of(mutated, truncated, initial), lead);
    }

    /**
     * Random plaintext sealed for real: only here do lying frame lengths, varints and offsets
     * get past the AEAD into the frame parser and the reassembly.
     */
    @Property(tries = 1500)
    void hostileFramesInsideValidInitialsNeverThrow(@ForAll("frameSoup") List<byte[]> frames,
            @ForAll @IntRange(min = 1, max = 12) int packets) {
        List<byte[]> datagrams = new ArrayList<>();
        for (int i = 0; i < packets; i++) {
            byte[] payload = frames.get(i % frames.size());
            datagrams.add(seal(QuicClientHelloAssembler.VERSION_1, DCID, DCID, i, payload, 0));
        }
        check(datagrams, 2);
    }

    @Provide
    Arbitrary<List<byte[]>> frameSoup() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> cryptoLike = Arbitraries.integers().between(0, CH.length - 1).flatMap(from ->
                Arbitraries.integers().between(0, CH.length - from).flatMap(len ->
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(tail -> concat(crypto(CH, from, len), tail))));
        Arbitrary<byte[]> lying = Arbitraries.of(
                new byte[] {0x06, (byte) 0xBF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x05, 1, 0, 0, 5, 3},
                new byte[] {0x06, 0x00, (byte) 0x7F, (byte) 0xFF, 1, 2, 3},
                new byte[] {0x06, 0x7F, (byte) 0xFF, 0x10, 1, 0, 0, 0x40},
                new byte[] {0x03, 0x01, 0x01, (byte) 0xBF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0},
                new byte[] {0x1c, 0x01, 0x06, 0x7F, (byte) 0xFF, 'x'},
                new byte[] {0x06, 0x00, 0x04, 0x01, 0x00, 0x40, 0x00},
                new byte[] {0x06, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0, 0x05, 1, 1, 1, 1, 1});
        return Arbitraries.oneOf(random, cryptoLike, lying).list().ofMinSize(1).ofMaxSize(12);
    }
}
