using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Catalog.Messages;

/// <summary>A webinar of the month, as the programme lists it.</summary>
public sealed record ProgrammeSession(string Title, DateTime StartsAt, DateTime EndsAt, string? StreamUrl, string? Place);

/// <summary>A webinar series' programme for a month, to the people who may follow it. Optional.</summary>
public sealed record SeriesMonthlyProgramme(string Series, string? ChannelUrl, int Year, int Month, IReadOnlyList<ProgrammeSession> Sessions) : IEmailMessage
{
    public bool Essential => false;
}
