import Foundation

extension Admissions {
    @discardableResult
    public func addInstitution(code: String, name: String) throws -> Institution {
        let institution = Institution(
            code: try Institution.normalizedCode(code),
            name: try Institution.validatedName(name, of: .institution),
            createdAt: clock())
        return try write { store in
            if try store.institution(code: institution.code) != nil {
                throw AdmitError(.conflict, .institutionExists(institution.code))
            }
            try store.insert(institution)
            try store.append(
                audit(
                    .institutionAdded, session: nil, at: institution.createdAt,
                    .init(name: institution.code)))
            return institution
        }
    }

    public func institutions() throws -> [Institution] {
        try read { try $0.institutions() }
    }

    public func institution(code: String) throws -> Institution {
        let code = try Institution.normalizedCode(code)
        guard let institution = try read({ try $0.institution(code: code) }) else {
            throw AdmitError(.notFound, .institutionNotFound(code))

        }
        return institution
    }
}
