package org.myelin.experiments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.myelin.nn.io.AtomicFiles;

/**
 * A training run's curves as one self-contained HTML page: the losses and the accuracies by epoch,
 * drawn with XChart as the experiments' figures are, and the numbers in a table. {@code myelin train
 * --log-dir} rewrites it after each epoch, so it can be watched while a run goes on.
 */
public final class TrainingCurves {
    private TrainingCurves() {}

    /**
     * @param file       the page to write, replaced atomically
     * @param title      its heading, such as the model and dataset
     * @param epochs     the x values
     * @param losses     loss series by name (NaN points are left out of a series)
     * @param accuracies accuracy series by name, in percent
     */
    public static void write(Path file, String title, double[] epochs, Map<String, double[]> losses,
                             Map<String, double[]> accuracies) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Html.escape(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "td,th{padding:0 1em;text-align:right}img{max-width:100%}</style>\n</head>\n<body>\n<h1>")
                .append(Html.escape(title)).append("</h1>\n");
        html.append(chart("Loss", "loss", epochs, losses)).append(chart("Accuracy", "accuracy (%)", epochs, accuracies));
        html.append("<table>\n<tr><th>epoch</th>");
        List<Map.Entry<String, double[]>> columns = new java.util.ArrayList<>(losses.entrySet());
        columns.addAll(accuracies.entrySet());
        columns.forEach(c -> html.append("<th>").append(Html.escape(c.getKey())).append("</th>"));
        html.append("</tr>\n");
        for (int i = 0; i < epochs.length; i++) {
            html.append("<tr><td>").append((long) epochs[i]).append("</td>");
            for (var c : columns) {
                double v = c.getValue()[i];
                html.append("<td>").append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n</body>\n</html>\n");
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static String chart(String title, String yTitle, double[] epochs, Map<String, double[]> series) {
        XYChart chart = Charts.lines(title, "epoch", yTitle, 800, 450);
        int colour = 0;
        for (var s : series.entrySet()) {
            int n = 0;
            for (double v : s.getValue()) {
                n += Double.isNaN(v) ? 0 : 1;
            }
            if (n == 0) {
                colour++;
                continue;
            }
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0, j = 0; i < epochs.length; i++) {
                if (!Double.isNaN(s.getValue()[i])) {
                    x[j] = epochs[i];
                    y[j++] = s.getValue()[i];
                }
            }
            Charts.line(chart, s.getKey(), x, y, colour++);
        }
        if (chart.getSeriesMap().isEmpty()) {
            return "";
        }
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(Charts.image(chart), "png", png);
            return "<figure><img alt=\"" + Html.escape(title) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"></figure>\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
