namespace Workshops.LoadTool.Storm;

/// <summary>Where a storm is; <see cref="VoteStormOptions.OnStage"/> hears each one as it begins.</summary>
public enum StormStage
{
    /// <summary>The event exists; facilitator screens are connected and the workshops are in Brainstorm.</summary>
    EventCreated,

    /// <summary>Every participant joined over HTTP and holds a connection in its workshop.</summary>
    ParticipantsConnected,

    /// <summary>Ideas are in, every workshop is in Voting; votes are about to be sent.</summary>
    VotingOpened,

    /// <summary>The first votes are on their way (a fault test kills a server from here).</summary>
    VotesSending,

    /// <summary>Every vote is acknowledged, refused, or given up after the retry budget.</summary>
    VotesSettled,

    /// <summary>Every facilitator screen shows the final tallies, or the wait timed out.</summary>
    ScreensSettled,
}
