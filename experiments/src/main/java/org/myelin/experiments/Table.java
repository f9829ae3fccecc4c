package org.myelin.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.myelin.api.InvalidArgumentException;

/**
 * An experiment's result table. Cells keep their raw values (an accuracy is a fraction in [0, 1])
 * so tests can check them; each column says how to show its values, in the terminal and in HTML.
 */
public final class Table {

    /** How a column shows its values. */
    public enum Format {
        /** Text as it is. */
        TEXT,
        /** A fraction shown as a percentage with two decimals: 0.9648 → 96.48%. */
        PERCENT,
        /** A percentage-point difference with a sign: +0.42. */
        POINTS,
        /** A number with three significant digits in scientific notation, for gradient norms. */
        SCIENTIFIC,
        /** A number with two decimals, for seconds. */
        DECIMAL,
        /** A whole number. */
        INTEGER
    }

    /**
     * @param name   the header
     * @param format how values show
     */
    public record Column(String name, Format format) {}

    private final List<Column> columns;
    private final List<Object[]> rows = new ArrayList<>();

    /** @param columns the columns, left to right */
    public Table(Column... columns) {
        this.columns = List.of(columns);
    }

    /**
     * @param cells one value per column: a String for text, a Number otherwise (null shows as "-")
     * @return this table
     */
    public Table add(Object... cells) {
        if (cells.length != columns.size()) {
            throw new InvalidArgumentException("Table: a row needs " + columns.size() + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /** @return the columns */
    public List<Column> columns() {
        return columns;
    }

    /** @return the number of rows */
    public int size() {
        return rows.size();
    }

    /**
     * @param column a column's header
     * @return its raw numbers, top to bottom (NaN where a cell is empty)
     */
    public double[] numbers(String column) {
        int c = indexOf(column);
        double[] out = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            out[r] = rows.get(r)[c] instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return out;
    }

    /** @param column a column's header @return its cells as shown, top to bottom */
    public List<String> shown(String column) {
        int c = indexOf(column);
        return rows.stream().map(row -> show(row[c], columns.get(c).format())).toList();
    }

    private int indexOf(String column) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).name().equals(column)) {
                return c;
            }
        }
        throw new InvalidArgumentException("Table: no column '" + column + "'; columns are "
                + columns.stream().map(Column::name).toList());
    }

    /** @return the table in aligned plain text, for the terminal */
    public String text() {
        int[] widths = new int[columns.size()];
        List<String[]> shown = new ArrayList<>();
        String[] header = columns.stream().map(Column::name).toArray(String[]::new);
        shown.add(header);
        for (Object[] row : rows) {
            String[] cells = new String[row.length];
            for (int c = 0; c < row.length; c++) {
                cells[c] = show(row[c], columns.get(c).format());
            }
            shown.add(cells);
        }
        for (String[] cells : shown) {
            for (int c = 0; c < cells.length; c++) {
                widths[c] = Math.max(widths[c], cells[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < shown.size(); r++) {
            String[] cells = shown.get(r);
            for (int c = 0; c < cells.length; c++) {
                boolean left = columns.get(c).format() == Format.TEXT;
                String pad = " ".repeat(widths[c] - cells[c].length());
                sb.append(c == 0 ? "" : "  ").append(left ? cells[c] + pad : pad + cells[c]);
            }
            sb.append('\n');
            if (r == 0) {
                for (int c = 0; c < cells.length; c++) {
                    sb.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** @return the table as an HTML {@code <table>} */
    public String html() {
        StringBuilder sb = new StringBuilder("<table>\n<tr>");
        for (Column c : columns) {
            sb.append("<th>").append(Html.escape(c.name())).append("</th>");
        }
        sb.append("</tr>\n");
        for (Object[] row : rows) {
            sb.append("<tr>");
            for (int c = 0; c < row.length; c++) {
                boolean number = columns.get(c).format() != Format.TEXT;
                sb.append(number ? "<td class=\"num\">" : "<td>").append(Html.escape(show(row[c], columns.get(c).format())))
                        .append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private static String show(Object cell, Format format) {
        if (cell == null) {
            return "-";
        }
        if (!(cell instanceof Number n)) {
            return cell.toString();
        }
        double v = n.doubleValue();
        if (Double.isNaN(v)) {
            return "-";
        }
        return switch (format) {
            case TEXT -> cell.toString();
            case PERCENT -> String.format(Locale.ROOT, "%.2f%%", 100 * v);
            case POINTS -> String.format(Locale.ROOT, "%+.2f", v);
            case SCIENTIFIC -> String.format(Locale.ROOT, "%.3e", v);
            case DECIMAL -> String.format(Locale.ROOT, "%.2f", v);
            case INTEGER -> String.format(Locale.ROOT, "%d", Math.round(v));
        };
    }
}
