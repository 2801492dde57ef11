namespace TraAM.Bot.Syntheses;

/// <summary>
/// The teams' end-of-year bilans, last sent version per team (issue 13 §1), read by <see cref="SynthesisBilans"/>; an
/// interface so that the engine's tests and the bench give theirs.
/// </summary>
public interface ISynthesisBilans
{
    /// <summary>Team id → its bilan, for the teams given (absent: no submitted bilan).</summary>
    Task<IReadOnlyDictionary<long, BilanInput>> LoadAsync(int campaignId, IReadOnlyDictionary<long, string> teamLabels, CancellationToken ct);
}

/// <summary>
/// The minutes of the national group's meetings (decisions, actions, attendance: issue 12 §3), read by
/// <see cref="SynthesisMinutes"/>; a meeting without published minutes says so in the synthesis.
/// </summary>
public interface ISynthesisMinutes
{
    /// <summary>Meeting id → its minutes, for the meetings given (absent: none filed).</summary>
    Task<IReadOnlyDictionary<Guid, MinutesInput>> LoadAsync(IReadOnlyCollection<Guid> meetingIds, CancellationToken ct);
}
