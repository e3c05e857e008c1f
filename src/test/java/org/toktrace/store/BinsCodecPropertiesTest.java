package org.toktrace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.toktrace.model.FlowBins;

/** Any bins round-trip through the blob; any bytes decode or throw the one documented exception. */
class BinsCodecPropertiesTest {

    @Property
    void anyBinsRoundTrip(@ForAll @Size(max = 300) long[] values, @ForAll long binNanos) {
        int n = values.length / 3;
        long[] bins = new long[n];
        long[] up = new long[n];
        long[] down = new long[n];
        int[] packets = new int[n];
        for (int i = 0; i < n; i++) {
            bins[i] = values[3 * i];
            up[i] = values[3 * i + 1];
            down[i] = values[3 * i + 2];
            packets[i] = (int) (values[3 * i] ^ values[3 * i + 1]);
        }
        Arrays.sort(bins);
        FlowBins b = new FlowBins(binNanos == 0 || binNanos == Long.MIN_VALUE ? 1 : Math.abs(binNanos), bins, up, down, packets);
        assertEquals(b, BinsCodec.decode(BinsCodec.encode(b)));
    }

    @Property
    void anyBytesDecodeOrAreRejected(@ForAll @Size(max = 64) byte[] blob) {
        try {
            FlowBins b = BinsCodec.decode(blob);
            assertEquals(b, BinsCodec.decode(BinsCodec.encode(b)));
        } catch (IllegalArgumentException expected) {
            // the one documented failure
        }
    }
}
