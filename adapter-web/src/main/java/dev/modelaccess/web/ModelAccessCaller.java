package dev.modelaccess.web;

import java.util.UUID;

/**
 * Who is calling the API: the user id (the {@code user_id} of their profile) and whether they may use the admin
 * routes.
 *
 * @param userId the caller's user id
 * @param admin whether the caller is an admin of model-access
 */
public record ModelAccessCaller(UUID userId, boolean admin) {}
