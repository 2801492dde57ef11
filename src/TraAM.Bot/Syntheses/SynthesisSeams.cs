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
/// The minutes of the national group's meetings (decisions, actions, attendance: issue 12 §3). Built on another
/// branch: until it is merged, <see cref="NoMinutesYet"/> answers and each meeting says its minutes are not available.
/// </summary>
public interface ISynthesisMinutes
{
    /// <summary>Meeting id → its minutes, for the meetings given (absent: none filed).</summary>
    Task<IReadOnlyDictionary<Guid, MinutesInput>> LoadAsync(IReadOnlyCollection<Guid> meetingIds, CancellationToken ct);
}

internal sealed class NoMinutesYet : ISynthesisMinutes
{
    public Task<IReadOnlyDictionary<Guid, MinutesInput>> LoadAsync(IReadOnlyCollection<Guid> meetingIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, MinutesInput>>(new Dictionary<Guid, MinutesInput>());
}
