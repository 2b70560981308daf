namespace TrainingHub.Core.Enrolment;

public enum PromotionMode
{
    /// <summary>A freed seat goes straight to the first person on the waitlist.</summary>
    Direct,

    /// <summary>A freed seat is offered to the first person, held for <see cref="EnrolmentOptions.OfferHours"/>, then passed on.</summary>
    Offer,
}

/// <summary>Configuration section "Enrolment".</summary>
public sealed class EnrolmentOptions
{
    public PromotionMode PromotionMode { get; set; } = PromotionMode.Direct;
    public int OfferHours { get; set; } = 48;
}
