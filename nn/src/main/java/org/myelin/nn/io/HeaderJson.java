package org.myelin.nn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.api.DataFormatException;

/**
 * The little JSON that a safetensors header holds: objects, arrays, strings and integers. The
 * schema is fixed and tiny, so this strict reader (which rejects anything else with the file's
 * name and the position: floats, booleans, null, duplicate keys, bad escapes, raw control
 * characters, deep nesting) is smaller than bringing a JSON library into the runtime image.
 */
final class HeaderJson {
    private final String text;
    private final String file;
    private int pos;

    private HeaderJson(String text, String file) {
        this.text = text;
        this.file = file;
    }

    /** Parses one JSON object; trailing spaces (safetensors' alignment padding) are allowed. */
    static Map<String, Object> parseObject(String text, String file) {
        HeaderJson p = new HeaderJson(text, file);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (!(v instanceof Map) || p.pos != text.length()) {
            throw p.error("the header is not a single JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    private Object value(int depth) {
        if (depth > 8) {
            throw error("the header nests too deeply");
        }
        if (pos >= text.length()) {
            throw error("the header ends early");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return object(depth);
        }
        if (c == '[') {
            return array(depth);
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || c >= '0' && c <= '9') {
            return number();
        }
        throw error("unexpected '" + c + "'");
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (m.put(key, value(depth + 1)) != null) {
                throw error("the key '" + key + "' appears twice");
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("a string holds a raw control character (code " + (int) c + ")");
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("a \\u escape ends early");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            char h = text.charAt(pos + i);
                            int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                    : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                            if (digit < 0) {
                                throw error("a \\u escape needs four hex digits, got '" + text.substring(pos, pos + 4) + "'");
                            }
                            code = code * 16 + digit;
                        }
                        sb.append((char) code);
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            } else {
                sb.append(c);
            }
        }
        throw error("a string is not closed");
    }

    private Long number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == digits) {
            throw error("a number needs digits");
        }
        if (pos - digits > 1 && text.charAt(digits) == '0') {
            throw error("a number has a leading zero");
        }
        if (pos < text.length() && ".eE".indexOf(text.charAt(pos)) >= 0) {
            throw error("only integers belong in a safetensors header");
        }
        try {
            return Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("bad integer '" + text.substring(start, pos) + "'");
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("the header ends early");
        }
        return text.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "' but found '" + text.charAt(pos) + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private DataFormatException error(String what) {
        return new DataFormatException(file + ": not a valid safetensors file: " + what + " at header character " + pos
                + "; write it again (Module.stateDict() with SafeTensors.save, or myelin train --save)");
    }

    /** Writes a JSON string literal. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
