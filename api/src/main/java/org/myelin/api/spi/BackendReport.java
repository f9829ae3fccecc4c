package org.myelin.api.spi;

/**
 * What the engine found of one backend, for {@code myelin doctor}.
 *
 * @param name        the backend's name
 * @param deviceType  the device type it serves
 * @param priority    its priority
 * @param description its one-line description
 * @param selected    true when it is the one used for its device type
 * @param reason      why it was picked or skipped
 */
public record BackendReport(String name, String deviceType, int priority, String description,
                            boolean selected, String reason) {}
