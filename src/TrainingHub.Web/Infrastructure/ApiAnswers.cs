namespace TrainingHub.Web.Infrastructure;

/// <summary>The answer to a create (201): the new thing's id; its address is in the Location header.</summary>
public sealed record CreatedId(int Id);

/// <summary>How many messages a cancellation queued (one per person told).</summary>
public sealed record QueuedAnswer(int Queued);

/// <summary>How many things a batch created.</summary>
public sealed record CreatedCount(int Created);
