using System.Globalization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Surveys;

/// <summary>What a questionnaire is for: evaluating a course (reaction) or surveying training needs.</summary>
public enum QuestionnairePurpose
{
    Evaluation,
    Needs,
}

public enum QuestionKind
{
    SingleChoice,
    MultipleChoice,
    Scale,
    RankedTopics,
    ShortText,
    LongText,
}

/// <summary>
/// A form of questions owned by an organisation. Its questions live in versions: while no one has answered the
/// latest version, editing changes it in place; once answers exist, editing makes a new version, so every answer
/// keeps the questions it was given.
/// </summary>
public class Questionnaire
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public QuestionnairePurpose Purpose { get; set; }
    public int OwnerOrganizationId { get; set; }
    public Organization? OwnerOrganization { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<QuestionnaireVersion> Versions { get; set; } = [];
}

public class QuestionnaireVersion
{
    public int Id { get; set; }
    public int QuestionnaireId { get; set; }
    public Questionnaire? Questionnaire { get; set; }

    /// <summary>1, 2, …: unique per questionnaire; the highest is the one new answers use.</summary>
    public int Number { get; set; }

    public DateTime CreatedAt { get; set; }
    public List<Question> Questions { get; set; } = [];
}

/// <summary>
/// One question of a version, in Portuguese and English. Options (choices, topics) are one per line, the same count in
/// both languages; answers store option positions, so results read the same in either language.
/// </summary>
public class Question
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public QuestionnaireVersion? Version { get; set; }
    public int Position { get; set; }
    public QuestionKind Kind { get; set; }
    public bool Required { get; set; }

    /// <summary>A section heading shown before this question (and the ones after it, until the next heading).</summary>
    public string? SectionPt { get; set; }

    public string? SectionEn { get; set; }
    public required string TextPt { get; set; }
    public required string TextEn { get; set; }
    public string? OptionsPt { get; set; }
    public string? OptionsEn { get; set; }
}

/// <summary>Texts of a question in the reader's language (English for "en", Portuguese otherwise).</summary>
public static class QuestionTexts
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Text(string pt, string en) => English && !string.IsNullOrWhiteSpace(en) ? en : pt;

    public static string? Section(string? pt, string? en) => English && !string.IsNullOrWhiteSpace(en) ? en : pt;

    public static IReadOnlyList<string> Options(string? pt, string? en) => Lines(English && !string.IsNullOrWhiteSpace(en) ? en : pt);

    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    public static bool HasOptions(QuestionKind kind) => kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.RankedTopics;
}

public enum SurveyKind
{
    /// <summary>The evaluation of a class, after its last session.</summary>
    ClassEvaluation,

    /// <summary>The evaluation of one session of a webinar series.</summary>
    SessionEvaluation,

    /// <summary>A training-needs survey of a programme's cycle.</summary>
    Needs,
}

/// <summary>
/// A questionnaire put to people about one thing (a class, a series session, a programme's cycle), with a deadline.
/// <see cref="Key"/> names that thing ("class:12", "session:40") and is unique, so it is never surveyed twice.
/// </summary>
public class Survey
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public SurveyKind Kind { get; set; }
    public int QuestionnaireId { get; set; }
    public Questionnaire? Questionnaire { get; set; }
    public int? ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public int? OfferingId { get; set; }
    public Offering? Offering { get; set; }
    public int? SessionId { get; set; }
    public Session? Session { get; set; }
    public DateTime ClosesAt { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Needs surveys: the programme's cycle it plans ("2027", "2027/1").</summary>
    public string? Cycle { get; set; }

    /// <summary>Needs surveys: who of the taking-part organisations is asked.</summary>
    public NeedsAudience? Audience { get; set; }

    /// <summary>Needs surveys: when the invitations were first queued (null: not sent yet).</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>Needs surveys: the organisations taking part.</summary>
    public List<SurveyOrganization> Organizations { get; set; } = [];
}

/// <summary>Who a needs survey asks in each organisation taking part.</summary>
public enum NeedsAudience
{
    /// <summary>The organisation's focal points (people marked <c>IsFocalPoint</c>).</summary>
    FocalPoints,

    /// <summary>Every person of the organisation.</summary>
    AllMembers,
}

/// <summary>An organisation taking part in a needs survey.</summary>
public class SurveyOrganization
{
    public int SurveyId { get; set; }
    public Survey? Survey { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
}

/// <summary>
/// "What was asked, what was offered": a topic of a needs survey (an option of one of its ranked-topics questions)
/// linked to a course or a class created from it.
/// </summary>
public class NeedsTopicLink
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public Survey? Survey { get; set; }
    public int QuestionId { get; set; }
    public Question? Question { get; set; }

    /// <summary>The option's position in the question (0-based), as answers store it.</summary>
    public int Topic { get; set; }

    public int? CourseId { get; set; }
    public Course? Course { get; set; }
    public int? OfferingId { get; set; }
    public Offering? Offering { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A person's answers to a survey: one per person and survey (the database enforces it); answering again replaces them.</summary>
public class SurveyResponse
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public Survey? Survey { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }

    /// <summary>The version whose questions were answered.</summary>
    public int VersionId { get; set; }

    public QuestionnaireVersion? Version { get; set; }

    /// <summary>The person's organisation when answering (results per organisation).</summary>
    public int OrganizationId { get; set; }

    public DateTime SubmittedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<SurveyAnswer> Answers { get; set; } = [];
}

/// <summary>
/// One answer: option positions separated by commas for choices (in order of preference for ranked topics), "1".."5"
/// for a scale, the text for text questions.
/// </summary>
public class SurveyAnswer
{
    public int Id { get; set; }
    public int ResponseId { get; set; }
    public SurveyResponse? Response { get; set; }
    public int QuestionId { get; set; }
    public Question? Question { get; set; }
    public required string Value { get; set; }
}

/// <summary>A programme's course evaluation: which questionnaire, whether answering comes before the certificate, how long it stays open.</summary>
public class ProgrammeEvaluation
{
    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public int QuestionnaireId { get; set; }
    public Questionnaire? Questionnaire { get; set; }
    public bool RequiredForCertificate { get; set; }

    /// <summary>Days after the class's (or series session's) end during which answers are taken.</summary>
    public int DaysOpen { get; set; } = 30;
}
