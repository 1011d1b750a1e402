import AdmitCore
import Foundation
import Testing

@testable import AdmitServer

/// Every refusal a candidate can meet on the candidate pages reads in each language the pages offer, with its
/// values filled in; staff pages stay English.
@Suite struct TranslationTests {

    @Test func everyCandidateFacingRefusalHasSpanishWords() throws {
        let localization = try Localization.shipped()
        for refusal in Localization.candidateFacing {
            let spanish = try #require(localization.translation(refusal, "es"), "no Spanish for \(refusal.key) (\(refusal.english))")
            #expect(!spanish.contains("{"), "\(refusal.key): a value is not filled in: \(spanish)")
        }
    }

    @Test func aTranslationNamesTheValuesOfItsReason() throws {
        let localization = try Localization.shipped()
        #expect(
            localization.message(.passwordLength(.candidate, minimum: 8, maximum: 128), "es")
                == "La contraseña nueva debe tener de 8 a 128 caracteres.")
        #expect(localization.message(.nameMissing(.familyName), "es") == "Faltan los apellidos.")
        #expect(localization.message(.detailRequired(.email), "es") == "Esta sesión pide tu correo electrónico; escríbelo.")
        #expect(localization.message(.tooManySignIns(retryAfter: 42), "es").contains("espera 42 segundos"))
        // English, and a reason with no Spanish, read as Core says them.
        #expect(
            localization.message(.passwordLength(.candidate, minimum: 8, maximum: 128), "en") == "The new password must be 8 to 128 characters long.")
        #expect(localization.message(.sessionEnded("June Maths"), "es") == "The session \"June Maths\" has ended, so it takes no new entries.")
    }
}
