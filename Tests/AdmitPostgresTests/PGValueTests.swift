import AdmitPostgres
import AdmitPostgresTestTools
import Foundation
import Testing

@Suite(.postgres)
struct PGValueTests {
    static let insert = "INSERT INTO kinds (n, t, i, b, y, d, u) VALUES ($1, $2, $3, $4, $5, $6, $7)"

    @Test func everyValueRoundTripsAndIsWhatTheServerSees() throws {
        try TestPostgres.withDatabase { uri in
            let db = try PGConnection(uri: uri)
            try db.execute(
                """
                SET TIME ZONE 'UTC';
                CREATE TABLE kinds (n int PRIMARY KEY, t text, i bigint, b boolean, y bytea, d timestamptz, u uuid);
                """)
            let id = UUID()
            let other = UUID()
            let examDay = Date(timeIntervalSince1970: 1_781_082_000.123456)  // 2026-06-10 09:00:00.123456 UTC
            let moonLanding = Date(timeIntervalSince1970: -14_182_940 + 0.000_001)  // before 2000: negative microseconds
            try db.exec(
                Self.insert,
                [
                    1, "Zoë Ångström 日本語 🎓", .int(.max), true, .bytes([0, 1, 0x7f, 0x80, 0xff]), .date(examDay), .uuid(id),
                ])
            try db.exec(Self.insert, [2, "", .int(.min), false, .bytes([]), .date(moonLanding), .uuid(other)])
            try db.exec(Self.insert, [3, nil, nil, nil, nil, nil, nil])
            try db.exec(
                Self.insert,
                [
                    4, PGValue(nil as String?), PGValue(nil as Int?), PGValue(nil as Bool?),
                    PGValue(nil as [UInt8]?), PGValue(nil as Date?), PGValue(nil as UUID?),
                ])

            let rows = try db.exec(
                "SELECT *, d::text AS d_text, u::text AS u_text, encode(y, 'hex') AS y_hex FROM kinds ORDER BY n")
            #expect(rows.count == 4)
            let first = rows[0]
            let second = rows[1]
            #expect(first["t"] as String == "Zoë Ångström 日本語 🎓")
            #expect(first["i"] as Int64 == .max)
            #expect(first["b"] as Bool == true)
            #expect(first["y"] as [UInt8] == [0, 1, 0x7f, 0x80, 0xff])
            #expect(first["y_hex"] as String == "00017f80ff")
            #expect(first["d_text"] as String == "2026-06-10 09:00:00.123456+00")
            #expect(abs((first["d"] as Date).timeIntervalSince(examDay)) < 0.000_000_5)
            #expect(first["u"] as UUID == id)
            #expect(first["u_text"] as String == id.uuidString.lowercased())

            #expect(second["t"] as String == "")
            #expect(second["i"] as Int64 == .min)
            #expect(second["b"] as Bool == false)
            #expect(second["y"] as [UInt8] == [])
            #expect(second["y"] as Data == Data())
            #expect(second.isNull("y") == false)
            #expect(second["d_text"] as String == "1969-07-20 20:17:40.000001+00")
            #expect(abs((second["d"] as Date).timeIntervalSince(moonLanding)) < 0.000_000_5)
            #expect(second["u"] as UUID == other)

            for row in rows.dropFirst(2) {
                #expect(row["t"] as String? == nil)
                #expect(row["i"] as Int? == nil)
                #expect(row["b"] as Bool? == nil)
                #expect(row["y"] as [UInt8]? == nil)
                #expect(row["d"] as Date? == nil)
                #expect(row["u"] as UUID? == nil)
                #expect(row.isNull("t"))
            }
        }
    }

    @Test func columnsReadByTheirTypeAndIndex() throws {
        try TestPostgres.withDatabase { uri in
            let db = try PGConnection(uri: uri)
            let row = try #require(
                try db.exec(
                    """
                    SELECT 7::int2 AS small, -8::int4 AS medium, 9::int8 AS big, 'vé'::varchar AS v, 'c'::char(3) AS c,
                           '2026-06-10 09:00:00.5'::timestamp AS local, 'infinity'::timestamptz AS forever,
                           '-infinity'::timestamptz AS never, count(*) AS rows
                    FROM generate_series(1, 3)
                    """
                ).first)
            #expect(row["small"] as Int == 7)
            #expect(row["medium"] as Int == -8)
            #expect(row[2] as Int == 9)
            #expect(row["v"] as String == "vé")
            #expect(row["c"] as String == "c  ")
            #expect(row["local"] as Date == Date(timeIntervalSince1970: 1_781_082_000.5))
            #expect(row["forever"] as Date == .distantFuture)
            #expect(row["never"] as Date == .distantPast)
            #expect(row["rows"] as Int == 3)
            #expect(row.result.columnNames.first == "small")
            #expect(row.result.columnIndex("missing") == nil)
        }
    }

    @Test func arraysFindRowsWithAny() throws {
        try TestPostgres.withDatabase { uri in
            let db = try PGConnection(uri: uri)
            try db.execute("CREATE TABLE people (id uuid PRIMARY KEY, number bigint, username text)")
            let people = (1...5).map { (UUID(), Int64($0), "user\($0)-ß") }
            for (id, number, username) in people {
                try db.exec("INSERT INTO people VALUES ($1, $2, $3)", [.uuid(id), .int(number), .text(username)])
            }
            func count(_ sql: String, _ value: PGValue) throws -> Int {
                try db.exec("SELECT count(*) AS n FROM people WHERE \(sql)", [value])[0]["n"]
            }
            #expect(try count("id = ANY($1)", .uuidArray([people[0].0, people[3].0, UUID()])) == 2)
            #expect(try count("username = ANY($1)", .textArray(["user2-ß", "user5-ß", "nobody"])) == 2)
            #expect(try count("number = ANY($1)", .intArray([1, 2, 3, 99])) == 3)
            #expect(try count("id = ANY($1)", .uuidArray([])) == 0)
            #expect(try count("username = ANY($1)", .textArray([])) == 0)

            // The elements arrive in order, each as it was.
            let names = ["b", "", "日本", "a,b", "{\"}", "NULL"]
            let back = try db.exec("SELECT x FROM unnest($1::text[]) WITH ORDINALITY AS u(x, i) ORDER BY i", [.textArray(names)])
            #expect(back.map { $0["x"] as String } == names)
            let ids = [UUID(), UUID()]
            let idsBack = try db.exec("SELECT x FROM unnest($1::uuid[]) WITH ORDINALITY AS u(x, i) ORDER BY i", [.uuidArray(ids)])
            #expect(idsBack.map { $0["x"] as UUID } == ids)
            let empty = try db.exec("SELECT cardinality($1::text[]) AS n", [.textArray([])])
            #expect(empty[0]["n"] as Int == 0)
        }
    }

    @Test func statementsSayHowManyRowsTheyTouched() throws {
        try TestPostgres.withDatabase { uri in
            let db = try PGConnection(uri: uri)
            try db.execute("CREATE TABLE t (n int); INSERT INTO t SELECT generate_series(1, 10);")
            #expect(try db.exec("UPDATE t SET n = n + 1 WHERE n > $1", [4]).affectedRows == 6)
            #expect(try db.exec("DELETE FROM t WHERE n = $1", [-1]).affectedRows == 0)
            #expect(try db.exec("SELECT n FROM t WHERE n < $1", [3]).count == 2)
        }
    }
}
