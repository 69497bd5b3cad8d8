using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>
/// One change as the store committed it, kept in the watch history so a watch can resume from a resourceVersion.
/// <paramref name="Old"/> is the object before a modification (null for additions): a watcher with a selector needs
/// both to tell "started matching" (ADDED) from "stopped matching" (DELETED), as the real watch cache does.
/// The objects are the store's own, never mutated after commit.
/// </summary>
internal sealed record StoredEvent(long ResourceVersion, StoreKey Key, string Type, JsonObject? Old, JsonObject Object);
