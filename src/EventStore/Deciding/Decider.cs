namespace Mrv.EventStore;

/// <summary>How a kind of stream folds: its stream type, its empty state, and Evolve.</summary>
public sealed record Decider<TState>(string StreamType, TState Initial, Func<TState, object, TState> Evolve);
