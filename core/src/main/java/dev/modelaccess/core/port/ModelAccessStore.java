package dev.modelaccess.core.port;

/**
 * Where the catalog, its history and the sync runs live: {@link CatalogReader reading} and {@link CatalogWriter
 * writing} in one type, for the callers (the sync, a store's wiring) that need both. A store can be built and tested
 * one capability at a time (see test-support's contract suites).
 */
public interface ModelAccessStore extends CatalogReader, CatalogWriter {}
