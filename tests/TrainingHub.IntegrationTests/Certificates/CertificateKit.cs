using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Enrolment;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Certificates;

/// <summary>A finished class of a test's own (in a given programme, or the demo's first), every seated person present at every session and Completed.</summary>
internal sealed record CompletedClass(int OfferingId, IReadOnlyList<int> People, string CourseTitle);

internal static class CertificateKit
{
    public static async Task<CompletedClass> CompletedClassAsync(TestApp app, int people, string? programmeCode = null, string? personName = null, string language = "pt-BR")
    {
        var c = await AttendanceKit.ClassAsync(app, people, sessions: 2, minutes: 90);
        var title = await app.WithDbAsync(async db =>
        {
            if (programmeCode is not null)
            {
                var programmeId = await db.Programmes.Where(p => p.Code == programmeCode).Select(p => p.Id).SingleAsync();
                var offering = await db.Offerings.OfType<CourseClass>().Include(o => o.Course).SingleAsync(o => o.Id == c.OfferingId);
                offering.ProgrammeId = programmeId;
                offering.Course!.ProgrammeId = programmeId;
            }

            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.AttendanceRecords.AddRange(from p in c.People
                                          from s in c.SessionIds
                                          select new AttendanceRecord { PersonId = p, SessionId = s, Status = AttendanceStatus.Present, RecordedAt = now });
            await db.SaveChangesAsync();
            await db.Sessions.Where(s => s.OfferingId == c.OfferingId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Closed));
            await db.Enrolments.Where(e => e.OfferingId == c.OfferingId)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrolmentStatus.Completed).SetProperty(e => e.CompletedAt, now));
            var ids = c.People.ToList();
            await db.People.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(u => u.SetProperty(p => p.PreferredLanguage, language));
            if (personName is not null)
            {
                await db.People.Where(p => p.Id == ids[0]).ExecuteUpdateAsync(u => u.SetProperty(p => p.FullName, personName));
            }

            return await db.Offerings.OfType<CourseClass>().Where(o => o.Id == c.OfferingId).Select(o => o.Course!.Title).SingleAsync();
        });
        return new CompletedClass(c.OfferingId, c.People, title);
    }

    public static string PdfText(byte[] pdf, int? page = null)
    {
        if (!File.Exists("/usr/bin/pdftotext"))
        {
            Assert.Ignore("pdftotext (poppler-utils) is missing: ./test.sh installs it.");
        }

        var path = Path.Combine(Path.GetTempPath(), $"th-it-cert-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            string[] pages = page is { } p ? ["-f", p.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", p.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
            using var process = Process.Start(new ProcessStartInfo("pdftotext", [.. pages, "-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
