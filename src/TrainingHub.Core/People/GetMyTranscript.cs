using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.People;

/// <summary>
/// LGPD: the signed-in person's hour transcript as a PDF, for one year or for all years (from the first year with
/// credited hours to the current year, at most the ten years a transcript may cover). Always the reader's own person:
/// it issues (or returns, when unchanged) the verifiable transcript of <see cref="IssueTranscript"/> and renders it.
/// </summary>
public static class GetMyTranscript
{
    public static async Task<Result<CertificateFile>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, IssueSettings settings,
        int? year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.PersonId is not { } me)
        {
            return Error.NotFound("PersonId", "MyData.NoPerson");
        }

        var thisYear = SaoPaulo.Today(time).Year;
        DateOnly from, to;
        if (year is { } y)
        {
            if (y < 2000 || y > thisYear)
            {
                return Error.Validation("Year", "Certificate.PeriodInvalid");
            }

            (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        }
        else
        {
            var first = await CreditedAttendance.Query(db).Where(c => c.PersonId == me && c.CreditedMinutes > 0)
                .MinAsync(c => (DateTime?)c.SessionStartsAt, ct);
            var firstYear = first is { } f ? SaoPaulo.ToLocal(DateTime.SpecifyKind(f, DateTimeKind.Utc)).Year : thisYear;
            (from, to) = (new DateOnly(Math.Max(firstYear, thisYear - 9), 1, 1), new DateOnly(thisYear, 12, 31));
        }

        var issued = await IssueTranscript.HandleAsync(db, scope, time, settings, me, from, to, ct);
        if (!issued.Succeeded)
        {
            return issued.Error!;
        }

        var c = await db.Certificates.AsNoTracking().Where(c => c.Id == issued.Value!.Id && c.PersonId == me).Select(c => new { c.SnapshotJson, Stored = c.Document!.Content }).SingleAsync(ct);
        return Result<CertificateFile>.Ok(GetCertificateFile.File(c.SnapshotJson, c.Stored));
    }
}
