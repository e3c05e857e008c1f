package org.toktrace.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void nestsAndSeparates() throws IOException {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out).beginObject()
                .field("a", 1)
                .name("b").beginArray().value("x").value(2.5).endArray()
                .name("c").beginObject().endObject()
                .field("d", true)
                .endObject();
        assertEquals("{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    2.5\n  ],\n  \"c\": {},\n  \"d\": true\n}", out.toString());
    }

    @Test
    void textFromPacketsCannotBreakOut() throws IOException {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out).beginArray().value("a\"b\\c\n\u0000\u2028").endArray();
        assertEquals("[\n  \"a\\\"b\\\\c\\n\\u0000\\u2028\"\n]", out.toString());
    }
}
