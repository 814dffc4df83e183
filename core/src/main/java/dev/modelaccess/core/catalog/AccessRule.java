package dev.modelaccess.core.catalog;

/** The admin-owned facts that decide who may use a model: its status and tier flags. */
public record AccessRule(String modelId, ModelStatus status, TierFlags tiers) {}
