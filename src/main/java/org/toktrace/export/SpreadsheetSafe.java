package org.toktrace.export;

/**
 * Keeps text from packets from running as a spreadsheet formula (OWASP "CSV injection"): a cell
 * that starts with {@code = + - @}, a tab or a carriage return gets a leading apostrophe.
 */
public final class SpreadsheetSafe {
    private SpreadsheetSafe() {
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char c = value.charAt(0);
        return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') ? "'" + value : value;
    }
}
