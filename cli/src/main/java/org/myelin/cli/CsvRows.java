package org.myelin.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.myelin.api.DataFormatException;
import org.myelin.api.InvalidArgumentException;

/**
 * A CSV file of model inputs, one example per row, each row exactly as wide as the model's input,
 * with values as the model was trained on them (MNIST's pixels are in [0, 1]). A first row that is
 * not numbers is a header and is skipped. Rows are read one at a time, so a large file is never held whole.
 */
final class CsvRows {
    private CsvRows() {}

    /** @param row gets each row's name ({@code file:line}) and values */
    static void read(Path file, int width, BiConsumer<String, float[]> row) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (number == 1 && isHeader(line)) {
                    continue;
                }
                row.accept(file + ":" + number, parse(line, width, file + " line " + number));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidArgumentException(file + " does not exist; give an image or a .csv of inputs");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DataFormatException(file + " is not a text CSV file (it is not UTF-8); give one row of numbers per input");
        } catch (IOException e) {
            throw new InvalidArgumentException(file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * @param where names the row in errors
     * @return the row's values
     */
    static float[] parse(String line, int width, String where) {
        float[] values = new float[width];
        int column = 0;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                if (column == width) {
                    throw wrongWidth(where, countColumns(line), width);
                }
                String cell = line.substring(start, i).strip();
                try {
                    values[column] = Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    throw new DataFormatException(where + ", column " + (column + 1) + ": '" + cell + "' is not a number");
                }
                if (!Float.isFinite(values[column])) {
                    throw new DataFormatException(where + ", column " + (column + 1) + ": " + cell + " is not a finite number");
                }
                column++;
                start = i + 1;
            }
        }
        if (column != width) {
            throw wrongWidth(where, column, width);
        }
        return values;
    }

    private static DataFormatException wrongWidth(String where, int columns, int width) {
        return new DataFormatException(where + " has " + columns + " values, but the model takes " + width
                + " (28x28 pixels, row by row); give one example per row");
    }

    private static int countColumns(String line) {
        return (int) line.chars().filter(c -> c == ',').count() + 1;
    }

    private static boolean isHeader(String line) {
        String first = line.split(",", 2)[0].strip();
        try {
            Float.parseFloat(first);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
