package org.myelin.experiments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes an experiment's outputs into its folder: each figure as a PNG, the table as text, and one
 * HTML page that embeds the figures as base64 data URIs so it can be mailed or opened anywhere on
 * its own. Every file is written under a temporary name and moved into place, so an interrupted
 * run leaves no half-written file.
 */
final class Report {
    private final String name;
    private final String title;
    private final Table table;
    private final List<String> notes = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();

    Report(String name, String title, Table table) {
        this.name = name;
        this.title = title;
        this.table = table;
    }

    /** @param line a line of protocol or reading aid, shown under the table */
    Report note(String line) {
        notes.add(line);
        return this;
    }

    Report figure(Figure figure) {
        figures.add(figure);
        return this;
    }

    ExperimentResult write(Path folder, double seconds) {
        try {
            List<Path> images = new ArrayList<>();
            StringBuilder html = new StringBuilder();
            html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                    .append(Html.escape(title)).append("</title>\n<style>\n")
                    .append("body{font-family:sans-serif;max-width:1400px;margin:2em auto;padding:0 1em;color:#222}\n")
                    .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:4px 10px}\n")
                    .append("th{background:#eee}td.num{text-align:right;font-variant-numeric:tabular-nums}\n")
                    .append("figure{margin:2em 0}img{max-width:100%;border:1px solid #ddd}figcaption{color:#444;margin-top:.5em}\n")
                    .append("</style>\n</head>\n<body>\n<h1>").append(Html.escape(title)).append("</h1>\n")
                    .append(table.html()).append("<ul>\n");
            for (String line : notes) {
                html.append("<li>").append(Html.escape(line)).append("</li>\n");
            }
            html.append("</ul>\n");
            for (Figure f : figures) {
                byte[] png = png(f);
                images.add(writeAtomically(folder.resolve(f.fileName()), png));
                html.append("<figure>\n<img alt=\"").append(Html.escape(f.caption())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(png)).append("\">\n<figcaption>")
                        .append(Html.escape(f.caption())).append("</figcaption>\n</figure>\n");
            }
            html.append(String.format(java.util.Locale.ROOT, "<p>Run time %.1f s.</p>\n</body>\n</html>\n", seconds));
            writeAtomically(folder.resolve(name + "-table.txt"),
                    (table.text() + "\n" + String.join("\n", notes) + "\n").getBytes(StandardCharsets.UTF_8));
            Path report = writeAtomically(folder.resolve(name + "-report.html"), html.toString().getBytes(StandardCharsets.UTF_8));
            return new ExperimentResult(name, table, List.copyOf(notes), List.copyOf(images), report, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report into " + folder + ": " + e.getMessage(), e);
        }
    }

    private static byte[] png(Figure f) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(f.image(), "png", bytes)) {
            throw new IOException("no PNG writer for " + f.fileName());
        }
        return bytes.toByteArray();
    }

    private static Path writeAtomically(Path target, byte[] content) throws IOException {
        // Not createTempFile: its owner-only permissions would stay with the report after the move.
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        try {
            Files.write(tmp, content, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
