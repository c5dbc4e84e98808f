/**
 * The single source of record shapes: raw (as sent), clean (as stored) and the analytics results.
 * Java code, table definitions and tests all read these.
 */
package dev.pinpipe.schemas;
