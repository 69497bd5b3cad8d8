namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>
/// Every instrument of <see cref="CollectorTelemetry.MeterName"/>: name, unit and description, the one list. Names
/// follow the OpenTelemetry conventions (dotted, the meter's name as prefix, UCUM units with <c>{…}</c> annotations
/// for counts); /metrics derives the Prometheus names from them (<see cref="Prometheus.PrometheusNames"/>).
/// </summary>
public static class MetricNames
{
    public const string CallsIngested = "apisentinel.collector.calls.ingested";
    public const string CallsIngestedUnit = "{call}";
    public const string CallsIngestedDescription = "Calls accepted from sensors into the catalog, by sensor.";

    public const string BatchesDuplicate = "apisentinel.collector.batches.duplicate";
    public const string BatchesDuplicateUnit = "{batch}";
    public const string BatchesDuplicateDescription = "Batches received again after a reconnect and discarded by (sensor, sequence), by sensor.";

    public const string StreamsRefused = "apisentinel.collector.streams.refused";
    public const string StreamsRefusedUnit = "{stream}";
    public const string StreamsRefusedDescription = "Ingest streams refused, by reason (RefusalReasons).";

    public const string CallsDropped = "apisentinel.collector.calls.dropped";
    public const string CallsDroppedUnit = "{call}";
    public const string CallsDroppedDescription = "Calls dropped before reaching the catalog, by reason (DropReasons).";

    public const string IngestLag = "apisentinel.collector.ingest.lag";
    public const string IngestLagUnit = "s";
    public const string IngestLagDescription = "Receive time minus the call's own timestamp (negative lags, from a sensor clock ahead of ours, count as 0).";

    public const string SensorsConnected = "apisentinel.collector.sensors.connected";
    public const string SensorsConnectedUnit = "{sensor}";
    public const string SensorsConnectedDescription = "Sensors with an open ingest stream.";

    public const string Endpoints = "apisentinel.collector.endpoints";
    public const string EndpointsUnit = "{endpoint}";
    public const string EndpointsDescription = "Catalogued API endpoints in the last published snapshot, by risk level.";

    public const string GapBatches = "apisentinel.collector.batches.gap";
    public const string GapBatchesUnit = "{batch}";
    public const string GapBatchesDescription = "Batches the catalog owner refused because they would skip a sequence number of their stream (a defect upstream; nothing is ingested).";

    public const string FindingsWritten = "apisentinel.collector.findings.written";
    public const string FindingsWrittenUnit = "{finding}";
    public const string FindingsWrittenDescription = "Finding rows the store inserted or changed at checkpoints (unchanged findings are not rewritten).";

    public const string FindingsPruned = "apisentinel.collector.findings.pruned";
    public const string FindingsPrunedUnit = "{finding}";
    public const string FindingsPrunedDescription = "Stored findings deleted because they were last seen before the retention.";

    public const string StoreWriterReopens = "apisentinel.collector.store.reopens";
    public const string StoreWriterReopensUnit = "{reopen}";
    public const string StoreWriterReopensDescription = "Times the store's writer connection was reopened after a failed transaction (disk full, I/O error).";

    public const string StalePublishes = "apisentinel.collector.snapshots.stale";
    public const string StalePublishesUnit = "{snapshot}";
    public const string StalePublishesDescription = "Snapshots not published because a newer one had been published already.";

    public const string SpecsDroppedOnImport = "apisentinel.collector.state.specs_dropped";
    public const string SpecsDroppedOnImportUnit = "{spec}";
    public const string SpecsDroppedOnImportDescription = "Run-time specs of the restored state that no longer parse (or exceed the spec budget) and were left out.";

    /// <summary>
    /// Not <c>apisentinel.collector.endpoints.shadow</c>: <see cref="Endpoints"/> is a metric, and an OpenTelemetry name
    /// must not be both a metric and the namespace of another.
    /// </summary>
    public const string ShadowEndpoints = "apisentinel.collector.shadow_endpoints";
    public const string ShadowEndpointsUnit = "{endpoint}";
    public const string ShadowEndpointsDescription = "Endpoints in the last published snapshot that a spec's host has but no spec documents.";

    public const string FindingsLogged = "apisentinel.collector.findings.logged";
    public const string FindingsLoggedUnit = "{finding}";
    public const string FindingsLoggedDescription = "Finding log records written, by event (finding.opened, finding.updated).";

    public const string KubeApplies = "apisentinel.collector.kubernetes.applies";
    public const string KubeAppliesUnit = "{request}";
    public const string KubeAppliesDescription = "Server-side applies of ApiEndpoint labels and spec.";

    public const string KubeStatusWrites = "apisentinel.collector.kubernetes.status_writes";
    public const string KubeStatusWritesUnit = "{request}";
    public const string KubeStatusWritesDescription = "Server-side applies of ApiEndpoint status (at most one per endpoint per flush interval).";

    public const string KubeDeletes = "apisentinel.collector.kubernetes.deletes";
    public const string KubeDeletesUnit = "{request}";
    public const string KubeDeletesDescription = "ApiEndpoint resources deleted (merged, moved, unseen for the delete time, orphaned).";

    public const string KubeFailures = "apisentinel.collector.kubernetes.failures";
    public const string KubeFailuresUnit = "{request}";
    public const string KubeFailuresDescription = "Failed requests to the API server, by reason (WriteFailureReasons).";

    public const string KubeRetries = "apisentinel.collector.kubernetes.retries";
    public const string KubeRetriesUnit = "{request}";
    public const string KubeRetriesDescription = "Writes attempted again after a failure.";

    public const string KubeBackoffs = "apisentinel.collector.kubernetes.backoffs";
    public const string KubeBackoffsUnit = "{pause}";
    public const string KubeBackoffsDescription = "Times the sink paused as a whole because the API server was throttling, failing or gone.";

    public const string KubeRateLimitWaits = "apisentinel.collector.kubernetes.rate_limit_waits";
    public const string KubeRateLimitWaitsUnit = "{request}";
    public const string KubeRateLimitWaitsDescription = "Requests that waited for the client-side rate limit (QPS and burst).";

    public const string KubeFlushesCut = "apisentinel.collector.kubernetes.flushes_cut";
    public const string KubeFlushesCutUnit = "{flush}";
    public const string KubeFlushesCutDescription = "Flushes that reached the flush interval with writes still due (they go first next time).";

    public const string KubeTruncations = "apisentinel.collector.kubernetes.truncated_items";
    public const string KubeTruncationsUnit = "{item}";
    public const string KubeTruncationsDescription = "List items left out of written statuses by the top-N and size bounds.";

    public const string KubeEvents = "apisentinel.collector.kubernetes.events";
    public const string KubeEventsUnit = "{event}";
    public const string KubeEventsDescription = "Kubernetes Events on ApiEndpoints, by outcome (created, updated, suppressed, failed).";

    public const string KubeOrphansKept = "apisentinel.collector.kubernetes.orphans_kept";
    public const string KubeOrphansKeptUnit = "{resource}";
    public const string KubeOrphansKeptDescription = "Listed ApiEndpoints no catalogued endpoint names, kept until their own lastSeen is older than the delete time.";

    public const string KubeWatchLists = "apisentinel.collector.kubernetes.watch.lists";
    public const string KubeWatchListsUnit = "{list}";
    public const string KubeWatchListsDescription = "Full lists of a watched kind, by resource (the first and every relist).";

    public const string KubeWatchRelists = "apisentinel.collector.kubernetes.watch.relists";
    public const string KubeWatchRelistsUnit = "{list}";
    public const string KubeWatchRelistsDescription = "Relists after an expired resource version (410) or a broken watch, by resource.";

    public const string KubeWatchEvents = "apisentinel.collector.kubernetes.watch.events";
    public const string KubeWatchEventsUnit = "{event}";
    public const string KubeWatchEventsDescription = "Watch events applied, by resource.";

    public const string KubeWatchBookmarks = "apisentinel.collector.kubernetes.watch.bookmarks";
    public const string KubeWatchBookmarksUnit = "{event}";
    public const string KubeWatchBookmarksDescription = "Watch bookmarks received, by resource.";

    public const string KubeWatchErrors = "apisentinel.collector.kubernetes.watch.errors";
    public const string KubeWatchErrorsUnit = "{error}";
    public const string KubeWatchErrorsDescription = "Failed lists and watches, by resource (each retried after a backoff).";

    public const string KubeWatchHandlerFailures = "apisentinel.collector.kubernetes.watch.handler_failures";
    public const string KubeWatchHandlerFailuresUnit = "{event}";
    public const string KubeWatchHandlerFailuresDescription = "Watch events a handler failed on, by resource.";

    public const string KubeSpecReconciles = "apisentinel.collector.kubernetes.apispec.reconciles";
    public const string KubeSpecReconcilesUnit = "{reconcile}";
    public const string KubeSpecReconcilesDescription = "ApiSpec reconciles by the controller.";

    public const string KubeSpecDocuments = "apisentinel.collector.kubernetes.apispec.documents";
    public const string KubeSpecDocumentsUnit = "{spec}";
    public const string KubeSpecDocumentsDescription = "ApiSpec documents by outcome (parsed, invalid, removed).";

    public const string KubeSpecStatusWrites = "apisentinel.collector.kubernetes.apispec.status_writes";
    public const string KubeSpecStatusWritesUnit = "{request}";
    public const string KubeSpecStatusWritesDescription = "ApiSpec status writes by outcome (written, deferred, failed).";

    public const string KubeSpecEvents = "apisentinel.collector.kubernetes.apispec.events";
    public const string KubeSpecEventsUnit = "{event}";
    public const string KubeSpecEventsDescription = "Kubernetes Events on ApiSpecs by outcome (created, suppressed, failed).";

    public const string KubeSpecFailures = "apisentinel.collector.kubernetes.apispec.failures";
    public const string KubeSpecFailuresUnit = "{error}";
    public const string KubeSpecFailuresDescription = "ApiSpec reconciles that failed (retried).";
}

/// <summary>The attribute names of the collector's instruments. Values are bounded sets (or sensor ids, few and capped): never a host or a path.</summary>
public static class MetricAttributes
{
    /// <summary>The sensor's id from its Hello; capped at <see cref="SensorIdLabels.MaxDistinct"/> distinct values.</summary>
    public const string SensorId = "sensor.id";

    /// <summary>A <see cref="RefusalReasons"/> or <see cref="DropReasons"/> value.</summary>
    public const string Reason = "reason";

    /// <summary>A <see cref="ApiSentinel.Collector.Risk.RiskLevels"/> value.</summary>
    public const string RiskLevel = "risk.level";

    /// <summary>A <see cref="FindingEvents"/> name.</summary>
    public const string Event = "event.name";

    /// <summary>What became of a Kubernetes Event or write (<see cref="KubernetesEventOutcomes"/>).</summary>
    public const string Outcome = "outcome";

    /// <summary>The watched kind (<see cref="KubernetesWatchedResources"/>).</summary>
    public const string Resource = "resource";
}

/// <summary>The values of <see cref="MetricAttributes.Resource"/> on the watch instruments.</summary>
public static class KubernetesWatchedResources
{
    public const string Services = "services";
    public const string EndpointSlices = "endpointslices";
    public const string ApiSpecs = "apispecs";
    public const string ConfigMaps = "configmaps";
}

/// <summary>The values of <see cref="MetricAttributes.Outcome"/> on <see cref="MetricNames.KubeEvents"/> and the ApiSpec instruments.</summary>
public static class KubernetesEventOutcomes
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Suppressed = "suppressed";
    public const string Failed = "failed";
    public const string Written = "written";
    public const string Deferred = "deferred";
    public const string Parsed = "parsed";
    public const string Invalid = "invalid";
    public const string Removed = "removed";
}
