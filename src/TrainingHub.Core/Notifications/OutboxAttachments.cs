using TrainingHub.Core.Data;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// Produces the file an outbox row names in its payload (<c>"attachments": [{ "kind": "certificate", "key": "42" }]</c>)
/// at the moment of sending, from what the database holds, so the outbox stores a reference and never a copy. Each kind
/// (certificate PDF, transcript, report) registers one source; the dispatcher looks it up by <see cref="Kind"/>.
/// </summary>
public interface IOutboxAttachmentSource
{
    string Kind { get; }

    /// <summary>The file, or null when what the key names no longer exists (the row is dead-lettered, saying so).</summary>
    Task<EmailAttachment?> LoadAsync(TrainingHubDbContext db, string key, CancellationToken ct);
}

/// <summary>One attachment reference, as written into a payload with <see cref="Outbox"/>.</summary>
public sealed record OutboxAttachment(string Kind, string Key);

/// <summary>Resolves a row's attachment references with the registered sources.</summary>
public static class OutboxAttachments
{
    /// <summary>The files, or the reason they cannot be produced (unknown kind, or nothing behind the key).</summary>
    public static async Task<(IReadOnlyList<EmailAttachment> Files, string? Problem)> ResolveAsync(
        TrainingHubDbContext db, OutboxMessage m, IReadOnlyList<IOutboxAttachmentSource> sources, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(sources);
        var refs = EmailPayload.Parse(m.PayloadJson).Items("attachments").Select(a => new OutboxAttachment(a.Text("kind"), a.Text("key"))).ToList();
        if (refs.Count == 0)
        {
            return ([], null);
        }

        var files = new List<EmailAttachment>(refs.Count);
        foreach (var r in refs)
        {
            var source = sources.FirstOrDefault(s => string.Equals(s.Kind, r.Kind, StringComparison.Ordinal));
            if (source is null)
            {
                return ([], $"No attachment source for kind '{r.Kind}'.");
            }

            var file = await source.LoadAsync(db, r.Key, ct);
            if (file is null)
            {
                return ([], $"Attachment {r.Kind}:{r.Key} no longer exists.");
            }

            files.Add(file);
        }

        return (files, null);
    }
}
