using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Home;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Notifications.Messages;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Events;

/// <summary>
/// A series registered by date: each person registers for the whole series or chosen dates; seats and waitlist per
/// date; reminders and rosters follow the dates (walk-ins who checked in appear on the roster); dates change until they start.
/// </summary>
public sealed class DateRegistrationTests(string provider) : OnBothDatabases(provider)
{
    protected override string? Isolation => "events";

    [Test]
    public async Task Reminders_go_only_to_those_registered_for_each_date()
    {
        var series = await SeriesAsync(seatsOnLast: null);
        var people = await Arrange.PeopleAsync(App, 5);
        // Person 0: the whole series; 1: the first date; 2: the second; 3 and 4: the third date only.
        (await ChooseAsync(people[0], series.Id, wholeSeries: true)).ShouldAllBe(c => c.Mine == SessionRegistrationStatus.Confirmed);
        await ChooseAsync(people[1], series.Id, false, series.Sessions[0]);
        await ChooseAsync(people[2], series.Id, false, series.Sessions[1]);
        await ChooseAsync(people[3], series.Id, false, series.Sessions[2]);
        await ChooseAsync(people[4], series.Id, false, series.Sessions[2]);

        // Each person's home lists their own dates, the next one first.
        (await NextSessionsAsync(people[0])).ShouldBe(series.Sessions);
        (await NextSessionsAsync(people[2])).ShouldBe([series.Sessions[1]]);
        (await NextSessionsAsync(people[3])).ShouldBe([series.Sessions[2]]);

        // Both first dates fall within the next day: before, each would have reminded all five people (ten reminders).
        await RemindAsync();
        var keys = await ReminderKeysAsync(people);
        keys.Count.ShouldBe(4);
        Recipients(keys, series.Sessions[0]).ShouldBe([people[0], people[1]], ignoreOrder: true);
        Recipients(keys, series.Sessions[1]).ShouldBe([people[0], people[2]], ignoreOrder: true);
        Recipients(keys, series.Sessions[2]).ShouldBeEmpty();
        await RemindAsync();
        (await ReminderKeysAsync(people)).Count.ShouldBe(4);

        // Person 2 drops the second date before it starts: the hour reminder no longer reaches them.
        await ChooseAsync(people[2], series.Id, false, series.Sessions[0]);
        App.Clock.Advance(TimeSpan.FromHours(21.5));
        await RemindAsync();
        keys = await ReminderKeysAsync(people);
        keys.Count.ShouldBe(5);
        Recipients(keys, series.Sessions[1], "hour").ShouldBe([people[0]]);
    }

    [Test]
    public async Task Seats_and_waitlist_per_date_and_a_dropped_seat_goes_to_the_first_waiting()
    {
        var series = await SeriesAsync(seatsOnLast: 1);
        var people = await Arrange.PeopleAsync(App, 3);
        (await ChooseAsync(people[0], series.Id, false, series.Sessions[2])).Single(c => c.SessionId == series.Sessions[2]).Mine.ShouldBe(SessionRegistrationStatus.Confirmed);
        var second = await ChooseAsync(people[1], series.Id, wholeSeries: true);
        second.Single(c => c.SessionId == series.Sessions[2]).ShouldSatisfyAllConditions(
            c => c.Mine.ShouldBe(SessionRegistrationStatus.Waitlisted), c => c.WaitlistRank.ShouldBe(1), c => c.SeatsLeft.ShouldBe(0));
        second.Where(c => c.SessionId != series.Sessions[2]).ShouldAllBe(c => c.Mine == SessionRegistrationStatus.Confirmed);
        (await ChooseAsync(people[2], series.Id, false, series.Sessions[2])).Single(c => c.SessionId == series.Sessions[2]).WaitlistRank.ShouldBe(2);

        // Choosing the same again changes nothing.
        (await ChooseAsync(people[1], series.Id, wholeSeries: true)).Single(c => c.SessionId == series.Sessions[2]).WaitlistRank.ShouldBe(1);

        // The first person moves to the first date: their seat on the third goes to the first waiting.
        await ChooseAsync(people[0], series.Id, false, series.Sessions[0]);
        (await RowAsync(people[1], series.Sessions[2])).ShouldBe((SessionRegistrationStatus.Confirmed, (int?)null));
        (await RowAsync(people[2], series.Sessions[2])).ShouldBe((SessionRegistrationStatus.Waitlisted, (int?)2));
        (await App.WithDbAsync(db => db.Sessions.Where(s => s.Id == series.Sessions[2]).Select(s => s.RegisteredCount).SingleAsync())).ShouldBe(1);

        // Cancelling the enrolment frees the dates still to come.
        var enrolmentId = await App.WithDbAsync(db => db.Enrolments.Where(e => e.PersonId == people[1] && e.OfferingId == series.Id).Select(e => e.Id).SingleAsync());
        (await App.WithDbAsync(db => CancelEnrolment.HandleAsync(db, Trainee(people[1]), App.Clock, Microsoft.Extensions.Options.Options.Create(new EnrolmentOptions()), enrolmentId, CancellationToken.None))).Succeeded.ShouldBeTrue();
        (await RowAsync(people[2], series.Sessions[2])).ShouldBe((SessionRegistrationStatus.Confirmed, (int?)null));
        (await App.WithDbAsync(db => db.SessionRegistrations.CountAsync(r => r.PersonId == people[1]))).ShouldBe(0);
    }

    [Test]
    public async Task Dates_change_until_they_start_and_the_roster_shows_the_registered_and_the_walk_ins()
    {
        var series = await SeriesAsync(seatsOnLast: null);
        var people = await Arrange.PeopleAsync(App, 3);
        await ChooseAsync(people[0], series.Id, false, series.Sessions[0]);
        await ChooseAsync(people[1], series.Id, false, series.Sessions[0], series.Sessions[1]);
        await ChooseAsync(people[2], series.Id, false, series.Sessions[1]);
        var (instructorEmail, instructorId) = await AttendanceKit.AccountAsync(App, Roles.Instructor);
        await App.WithDbAsync(db =>
        {
            db.OfferingInstructors.Add(new OfferingInstructor { OfferingId = series.Id, PersonId = instructorId });
            return db.SaveChangesAsync();
        });

        // The first date has started: it can no longer be chosen or dropped; the others still can.
        App.Clock.Advance(TimeSpan.FromHours(20) + TimeSpan.FromMinutes(5));
        var late = await App.WithDbAsync(db => ChooseSessions.HandleAsync(db, Trainee(people[2]), App.Clock, new ChooseSessionsRequest(series.Id, false, [series.Sessions[0], series.Sessions[1]]), CancellationToken.None));
        late.Errors.ShouldHaveSingleItem().Code.ShouldBe("Dates.Started");
        var kept = await ChooseAsync(people[1], series.Id, false, series.Sessions[2]);
        kept.Where(c => c.Mine is not null).Select(c => c.SessionId).ShouldBe([series.Sessions[0], series.Sessions[2]]);

        // Opening the first date's check-in tells those registered for it (people 0 and 1), not every seated person.
        using (var api = await App.ApiClientAsync(instructorEmail))
        {
            (await CheckInKit.OpenAsync(api, series.Sessions[0])).GetProperty("notified").GetInt32().ShouldBe(2);
        }

        (await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.MessageType == "CheckInOpen" && m.RecipientPersonId != null && people.Contains(m.RecipientPersonId.Value))
            .Select(m => m.RecipientPersonId!.Value).ToListAsync())).ShouldBe([people[0], people[1]], ignoreOrder: true);

        // Person 2 is enrolled in the series but not registered for this date: they check in all the same.
        using var instructor = await App.ApiClientAsync(instructorEmail);
        await CheckInKit.OpenAsync(instructor, series.Sessions[0]);
        var code = await CheckInKit.CodeAsync(instructor, series.Sessions[0]);
        var (walkInEmail, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, people[2]);
        using var walkIn = await App.ApiClientAsync(walkInEmail);
        (await CheckInKit.CheckInAsync(walkIn, code, series.Sessions[0])).StatusCode.ShouldBe(HttpStatusCode.OK);

        var roster = await App.WithDbAsync(db => GetRoster.HandleAsync(db, Admin, series.Sessions[0], CancellationToken.None));
        roster.ShouldNotBeNull();
        roster.Rows.Select(r => (r.PersonId, r.WalkIn)).ShouldBe([(people[0], false), (people[1], false), (people[2], true)], ignoreOrder: true);
        roster.Rows.Single(r => r.PersonId == people[2]).Status.ShouldNotBeNull();
        var second = await App.WithDbAsync(db => GetRoster.HandleAsync(db, Admin, series.Sessions[1], CancellationToken.None));
        second!.Rows.Select(r => r.PersonId).ShouldBe([people[2]]);
    }

    [Test]
    public async Task The_api_registers_by_date_and_refuses_a_series_not_registered_by_date()
    {
        var series = await SeriesAsync(seatsOnLast: null);
        var personId = (await Arrange.PeopleAsync(App, 1))[0];
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var ok = await api.PostAsJsonAsync("/api/v1/enrolments/dates", new { offeringId = series.Id, wholeSeries = false, sessionIds = new[] { series.Sessions[1] }, personId });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var dates = await ok.Content.ReadFromJsonAsync<JsonElement>();
        dates.GetArrayLength().ShouldBe(3);
        (await RowAsync(personId, series.Sessions[1])).ShouldBe((SessionRegistrationStatus.Confirmed, (int?)null));

        var classId = await Arrange.ClassAsync(App, null);
        var refused = await api.PostAsJsonAsync("/api/v1/enrolments/dates", new { offeringId = classId, wholeSeries = true, personId });
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var none = await api.PostAsJsonAsync("/api/v1/enrolments/dates", new { offeringId = series.Id, wholeSeries = false, sessionIds = Array.Empty<int>(), personId });
        none.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_date_added_later_is_added_for_those_registered_for_the_whole_series_only()
    {
        var series = await SeriesAsync(seatsOnLast: null);
        var people = await Arrange.PeopleAsync(App, 2);
        await ChooseAsync(people[0], series.Id, wholeSeries: true);
        await ChooseAsync(people[1], series.Id, false, series.Sessions[0]);

        // One session added by the session form (with one seat, repeated a week later) ...
        var starts = SaoPaulo.ToLocal(App.Clock.GetUtcNow().UtcDateTime).Date.AddDays(10).AddHours(19);
        var saved = await App.WithDbAsync(db => SaveSession.HandleAsync(db, Admin, App.Clock, series.Id, null,
            new SessionRequest("Apresentação 4", starts, starts.AddHours(1), null, null, null, Seats: 1, RepeatWeeklyUntil: DateOnly.FromDateTime(starts).AddDays(7)), CancellationToken.None));
        saved.Succeeded.ShouldBeTrue(string.Join(", ", saved.Errors.Select(e => e.Code)));
        saved.Value!.Count.ShouldBe(2);
        // ... and one by the monthly generator.
        var monthly = await App.WithDbAsync(db => CreateMonthlySessions.HandleAsync(db, Admin, App.Clock, series.Id,
            new MonthlySessionsRequest(DateOnly.FromDateTime(starts).AddDays(20), "10:00", "1", null, MonthlyRule.SameDay, 1, null, null), CancellationToken.None));
        monthly.Succeeded.ShouldBeTrue(string.Join(", ", monthly.Errors.Select(e => e.Code)));
        monthly.Value!.Created.ShouldBe(1);

        var added = await App.WithDbAsync(db => db.Sessions.Where(s => s.OfferingId == series.Id && !series.Sessions.Contains(s.Id)).Select(s => s.Id).ToListAsync());
        added.Count.ShouldBe(3);
        foreach (var id in added)
        {
            (await RowAsync(people[0], id)).ShouldBe((SessionRegistrationStatus.Confirmed, (int?)null));
        }

        (await App.WithDbAsync(db => db.SessionRegistrations.Where(r => r.PersonId == people[1]).Select(r => r.SessionId).ToListAsync())).ShouldBe([series.Sessions[0]]);
        (await App.WithDbAsync(db => db.Sessions.Where(s => s.Id == saved.Value.Id).Select(s => s.RegisteredCount).SingleAsync())).ShouldBe(1);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private sealed record Series(int Id, IReadOnlyList<int> Sessions);

    private static ReaderScope Admin => new("it", null, new HashSet<string> { Roles.Administrator }, null, null);

    private static ReaderScope Trainee(int personId) => new("it-trainee", personId, new HashSet<string> { Roles.Trainee }, null, null);

    /// <summary>A published series registered by date: two dates within the next day, a third in five days.</summary>
    private async Task<Series> SeriesAsync(int? seatsOnLast)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var first = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc).AddHours(20);
        return await App.WithDbAsync(async db =>
        {
            var code = "WD-" + Guid.NewGuid().ToString("N")[..10];
            var series = new WebinarSeries
            {
                Code = code,
                Title = "Apresentações do SEI " + code,
                StartsOn = DateOnly.FromDateTime(now),
                EndsOn = DateOnly.FromDateTime(now).AddMonths(2),
                Status = OfferingStatus.Published,
                CreatedAt = now,
                RegistrationByDate = true,
                ChannelUrl = "https://video.example.gov.br/sei",
            };
            series.Sessions.Add(new Session { Title = "Apresentação 1", StartsAt = first, EndsAt = first.AddHours(1), CreditedMinutes = 60 });
            series.Sessions.Add(new Session { Title = "Apresentação 2", StartsAt = first.AddHours(2), EndsAt = first.AddHours(3), CreditedMinutes = 60 });
            series.Sessions.Add(new Session { Title = "Apresentação 3", StartsAt = first.AddDays(5), EndsAt = first.AddDays(5).AddHours(1), CreditedMinutes = 60, Seats = seatsOnLast });
            db.Offerings.Add(series);
            await db.SaveChangesAsync();
            return new Series(series.Id, series.Sessions.OrderBy(s => s.StartsAt).Select(s => s.Id).ToList());
        });
    }

    private async Task<IReadOnlyList<SessionChoice>> ChooseAsync(int personId, int offeringId, bool wholeSeries, params int[] sessionIds)
    {
        var result = await App.WithDbAsync(db => ChooseSessions.HandleAsync(db, Trainee(personId), App.Clock, new ChooseSessionsRequest(offeringId, wholeSeries, sessionIds), CancellationToken.None));
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors.Select(e => e.Code)));
        return result.Value!;
    }

    private Task<(SessionRegistrationStatus, int?)> RowAsync(int personId, int sessionId) => App.WithDbAsync(async db =>
    {
        var row = await db.SessionRegistrations.Where(r => r.PersonId == personId && r.SessionId == sessionId).Select(r => new { r.Status, r.WaitlistPosition }).SingleAsync();
        return (row.Status, row.WaitlistPosition);
    });

    private Task<List<int>> NextSessionsAsync(int personId) => App.WithDbAsync(async db =>
        (await TraineeHome.HandleAsync(db, personId, App.Clock, CancellationToken.None)).NextSessions.Select(s => s.SessionId).ToList());

    private Task<int> RemindAsync() => App.WithDbAsync(db => QueueSessionReminders.HandleAsync(db, App.Clock, CancellationToken.None));

    private Task<List<(int PersonId, string Key)>> ReminderKeysAsync(IReadOnlyCollection<int> people) => App.WithDbAsync(async db =>
        (await db.OutboxMessages.Where(m => m.MessageType == nameof(SessionReminder) && m.RecipientPersonId != null && people.Contains(m.RecipientPersonId.Value))
            .Select(m => new { m.RecipientPersonId, m.IdempotencyKey }).ToListAsync()).Select(m => (m.RecipientPersonId!.Value, m.IdempotencyKey)).ToList());

    private static List<int> Recipients(List<(int PersonId, string Key)> keys, int sessionId, string kind = "day") =>
        keys.Where(k => k.Key.StartsWith(SessionInvitations.ReminderPrefix(sessionId, 0, kind), StringComparison.Ordinal)).Select(k => k.PersonId).ToList();
}
