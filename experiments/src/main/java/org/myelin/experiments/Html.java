package org.myelin.experiments;

/** The little HTML an experiment report needs. */
final class Html {
    private Html() {}

    /** @param text plain text @return the text safe inside HTML elements and attributes */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
