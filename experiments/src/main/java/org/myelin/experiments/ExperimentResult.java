package org.myelin.experiments;

import java.nio.file.Path;
import java.util.List;

/**
 * What a finished experiment left behind.
 *
 * @param name    the experiment's name
 * @param table   the result table, with raw values
 * @param notes   lines printed under the table: the protocol and what to read in it
 * @param images  the PNG files written
 * @param report  the self-contained HTML report
 * @param seconds how long the run took, wall clock
 */
public record ExperimentResult(String name, Table table, List<String> notes, List<Path> images, Path report,
        double seconds) {}
