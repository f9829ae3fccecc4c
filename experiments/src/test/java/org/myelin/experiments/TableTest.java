package org.myelin.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.api.InvalidArgumentException;

/** The table keeps raw values for checks and shows them formatted, in text and in HTML. */
class TableTest {
    private static Table sample() {
        return new Table(new Table.Column("name", Table.Format.TEXT), new Table.Column("accuracy", Table.Format.PERCENT),
                new Table.Column("diff", Table.Format.POINTS), new Table.Column("norm", Table.Format.SCIENTIFIC))
                .add("a<b", 0.9648, 0.21, 1.5e-4)
                .add("c", 0.5, -1.0, null);
    }

    @Test
    void keepsRawValuesAndShowsFormattedOnes() {
        Table t = sample();
        assertArrayEquals(new double[] {0.9648, 0.5}, t.numbers("accuracy"));
        assertTrue(Double.isNaN(t.numbers("norm")[1]), "an empty cell reads as NaN");
        assertEquals(List.of("96.48%", "50.00%"), t.shown("accuracy"));
        assertEquals(List.of("+0.21", "-1.00"), t.shown("diff"));
        assertEquals(List.of("1.500e-04", "-"), t.shown("norm"));
    }

    @Test
    void textIsAlignedUnderAHeaderRule() {
        List<String> lines = sample().text().lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).matches("[- ]+"), lines.get(1));
        assertEquals(lines.get(0).length(), lines.get(2).length(), "columns line up");
    }

    @Test
    void htmlEscapesText() {
        String html = sample().html();
        assertTrue(html.contains("<td>a&lt;b</td>"), html);
        assertTrue(html.contains("<td class=\"num\">96.48%</td>"), html);
    }

    @Test
    void aRowOfTheWrongLengthOrAnUnknownColumnIsRefused() {
        assertThrows(InvalidArgumentException.class, () -> sample().add("only one"));
        assertThrows(InvalidArgumentException.class, () -> sample().numbers("nope"));
    }
}
