package dev.supportdesk.escalation.intake;

import jakarta.validation.constraints.NotNull;

/** The body of {@code PUT /api/organisation/watching}: copy me on every mail of my organisation's cases. */
public record WatchingRequest(@NotNull Boolean watching) {}
