import Testing

extension Trait where Self == ConditionTrait {
    /// Runs a test or suite that needs PostgreSQL when `TestPostgres.isEnabled`, skips it otherwise:
    /// `@Suite(.postgres) struct StoreTests { … }`.
    public static var postgres: Self {
        .enabled(if: TestPostgres.isEnabled, Comment(rawValue: TestPostgres.skipNote))
    }
}
