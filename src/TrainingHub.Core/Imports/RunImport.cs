using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Imports;

/// <summary>
/// The background job's work for one queued import: claims the run, commits the file with <see cref="CommitImport"/> as
/// its starter would (their organisation scope, their name in the audit trail), recording the rows checked as it goes,
/// and marks the run succeeded inside the import's own write transaction. So a retried or duplicated job finds the run
/// finished and writes nothing again; a second job while one works on it leaves it alone; a process killed mid-way
/// wrote nothing (one transaction) and its run is taken over by the next attempt once its heartbeat is older than
/// <see cref="Abandoned"/>. After <see cref="MaxAttempts"/> failed attempts the run is marked failed with the error.
/// </summary>
public static class RunImport
{
    public const int MaxAttempts = 3;
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);

    /// <param name="actAs">Called with the importer's user id and name before anything is written, so the audit entries are theirs.</param>
    /// <param name="invite">
    /// Invites the committed file's people when the run asked for it (scope, person ids, the public address), after the
    /// commit; its report is kept in the run's, or, when inviting is refused, the refusal (the import stands, and the run
    /// ends there: "imported, invitations failed"). Inviting is idempotent (people with a valid invitation are skipped).
    /// </param>
    public static async Task<ImportRunStatus?> HandleAsync(TrainingHubDbContext db, TimeProvider time, Guid id, Action<string, string>? actAs, CancellationToken ct,
        Func<ReaderScope, IReadOnlyList<int>, string, Task<Result<InvitationReport>>>? invite = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        DateTime Now() => time.GetUtcNow().UtcDateTime;
        var stale = Now() - Abandoned;
        var runs = db.ImportRuns.Where(r => r.Id == id);
        var claimed = await runs
            .Where(r => r.Status == ImportRunStatus.Queued
                || ((r.Status == ImportRunStatus.Running || r.Status == ImportRunStatus.Writing) && (r.HeartbeatAt == null || r.HeartbeatAt < stale)))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportRunStatus.Running).SetProperty(r => r.RowsDone, 0)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1).SetProperty(r => r.StartedAt, Now()).SetProperty(r => r.HeartbeatAt, Now()), ct);
        if (claimed == 0)
        {
            // Finished already, unknown, or another worker is on it: nothing to do here, except invitations a run that
            // committed asked for and did not get queued (the worker stopped between the two; queueing is idempotent).
            var done = await runs.AsNoTracking().Select(r => new { r.Status, r.InviteBaseUrl, r.ReportJson, r.UserId, r.UserName, r.OrganizationId, r.OrganizationPath })
                .SingleOrDefaultAsync(ct);
            if (done is { Status: ImportRunStatus.Succeeded, InviteBaseUrl: { } pendingUrl } && invite is not null
                && Deserialize(done.ReportJson) is { Invitations: null, InvitationsRefused: null } committed)
            {
                actAs?.Invoke(done.UserId, done.UserName);
                var invitedLater = await invite(new ReaderScope(done.UserId, null, new HashSet<string> { Roles.Administrator }, done.OrganizationId, done.OrganizationPath),
                    committed.PersonIds, pendingUrl);
                var json = Serialize(WithInvitations(committed, invitedLater));
                await runs.ExecuteUpdateAsync(s => s.SetProperty(r => r.ReportJson, json), ct);
            }

            return done?.Status;
        }

        var run = await runs.AsNoTracking().SingleAsync(ct);
        actAs?.Invoke(run.UserId, run.UserName);
        var scope = new ReaderScope(run.UserId, null, new HashSet<string> { Roles.Administrator }, run.OrganizationId, run.OrganizationPath);
        var progress = new ImportProgress
        {
            RowsChecked = rows => runs.ExecuteUpdateAsync(s => s.SetProperty(r => r.RowsDone, rows).SetProperty(r => r.HeartbeatAt, Now()), ct),
            Writing = () => runs.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportRunStatus.Writing)
                .SetProperty(r => r.RowsDone, run.RowsTotal).SetProperty(r => r.HeartbeatAt, Now()), ct),
            Committing = report => runs.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportRunStatus.Succeeded)
                .SetProperty(r => r.ReportJson, Serialize(report)).SetProperty(r => r.FinishedAt, Now()).SetProperty(r => r.Error, (string?)null), ct),
        };
        try
        {
            var result = await CommitImport.HandleAsync(db, scope, time, run.Content, progress, ct);
            if (result.Succeeded && result.Value!.Committed)
            {
                if (run.InviteBaseUrl is { } url && invite is not null)
                {
                    var invited = await invite(scope, result.Value.PersonIds, url);
                    var withInvitations = Serialize(WithInvitations(result.Value, invited));
                    await runs.ExecuteUpdateAsync(s => s.SetProperty(r => r.ReportJson, withInvitations), ct);
                }

                return ImportRunStatus.Succeeded;
            }

            // Refused: row errors (nothing written), or the file itself (its error kept as a line-less row error).
            var refused = result.Succeeded ? result.Value! : new ImportReport { Format = "", Errors = result.Errors.Select(e => new ImportRowError(0, e.Field, e.Code, e.Args)).ToList() };
            await runs.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportRunStatus.Failed)
                .SetProperty(r => r.ReportJson, Serialize(refused)).SetProperty(r => r.FinishedAt, Now()), ct);
            return ImportRunStatus.Failed;
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: nothing was written; the run waits for the job's next attempt.
            await runs.Where(r => r.Status != ImportRunStatus.Succeeded)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportRunStatus.Queued).SetProperty(r => r.HeartbeatAt, (DateTime?)null), CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was written (one transaction). Queued again for the job's next attempt, or failed after the last one.
            var last = run.Attempts + 1 >= MaxAttempts;
            var error = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            await runs.Where(r => r.Status != ImportRunStatus.Succeeded).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, last ? ImportRunStatus.Failed : ImportRunStatus.Queued).SetProperty(r => r.Error, error)
                .SetProperty(r => r.HeartbeatAt, (DateTime?)null).SetProperty(r => r.FinishedAt, last ? Now() : null), CancellationToken.None);
            if (last)
            {
                return ImportRunStatus.Failed;
            }

            throw;
        }
    }

    /// <summary>The committed report with what inviting did: the invitations queued, or why inviting was refused.</summary>
    private static ImportReport WithInvitations(ImportReport committed, Result<InvitationReport> invited) => invited.Succeeded
        ? committed with { Invitations = invited.Value }
        : committed with { InvitationsRefused = invited.Errors.Select(e => new ImportRowError(0, e.Field, e.Code, e.Args)).First() };

    /// <summary>The report as stored: message arguments as invariant text (they are codes, CPFs, line numbers and names).</summary>
    internal static string Serialize(ImportReport report) => JsonSerializer.Serialize(report with
    {
        Errors = report.Errors.Select(Invariant).ToList(),
        InvitationsRefused = report.InvitationsRefused is { } refused ? Invariant(refused) : null,
        WriteTime = null,
    });

    internal static ImportReport? Deserialize(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var report = JsonSerializer.Deserialize<ImportReport>(json)!;
        return report with
        {
            Errors = report.Errors.Select(Read).ToList(),
            InvitationsRefused = report.InvitationsRefused is { } refused ? Read(refused) : null,
        };
    }

    private static ImportRowError Invariant(ImportRowError e) => e with { Args = e.Args.Select(a => (object)(Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")).ToArray() };

    private static ImportRowError Read(ImportRowError e) => e with { Args = e.Args.Select(a => (object)(a is JsonElement j ? j.GetString() ?? "" : a)).ToArray() };
}
