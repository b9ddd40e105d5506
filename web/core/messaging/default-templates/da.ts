import type { LanguageCopy } from './build-default-template';

// "point" is the same in singular and plural, so every number reads correctly.
export const da: LanguageCopy = {
  footer: 'Du modtager denne e-mail, fordi du er medlem af loyalitetsprogrammet hos %shop_name%.',
  events: {
    points_credited: {
      subject: 'Du har optjent %points% point hos %shop_name%',
      heading: 'Du har optjent %points% point!',
      paragraphs: [
        'Hej %first_name%,',
        'Tak for dit besøg hos %shop_name%. Vi har lagt %points% point til din saldo, som nu er på %balance% point.',
      ],
      button: 'Se dine point',
      sms: '%shop_name%: Du har optjent %points% point! Din saldo er nu på %balance% point. %portal_url%',
    },
    balance_adjusted: {
      subject: 'Din pointsaldo hos %shop_name% er blevet opdateret',
      heading: 'Din pointsaldo er ændret',
      paragraphs: [
        'Hej %first_name%,',
        'Vi har justeret din pointsaldo med %points% point.',
        'Begrundelse: %description%',
        'Din nye saldo er på %balance% point.',
      ],
      button: 'Se dine point',
      sms: '%shop_name%: Din pointsaldo er justeret med %points% point (%description%). Ny saldo: %balance% point.',
    },
    gift_card_issued: {
      subject: 'Her er dit gavekort fra %shop_name%',
      heading: 'Her er dit gavekort',
      paragraphs: [
        'Hej %first_name%,',
        'Du har indløst %points% point til et gavekort på %gift_card_value%. Her er din kode:',
      ],
      highlight: '%gift_card_code%',
      closing: [
        'Indtast koden, når du betaler, eller giv gavekortet videre til en anden. Din resterende saldo er på %balance% point.',
      ],
      button: 'Gå til din konto',
      sms: '%shop_name%: Dit gavekort på %gift_card_value% er klar. Du finder koden på din konto: %portal_url%',
    },
    reward_failed: {
      subject: 'Vi kunne ikke oprette dit gavekort, så du har fået dine point tilbage',
      heading: 'Du har fået dine point tilbage',
      paragraphs: [
        'Hej %first_name%,',
        'Beklager, der gik noget galt, da vi skulle oprette dit gavekort på %gift_card_value%. Vi har ført de %points% point tilbage til din saldo, så du har ikke mistet noget. Din saldo er på %balance% point.',
        'Prøv igen om lidt. Hvis det stadig ikke virker, er du velkommen til at kontakte os.',
      ],
      button: 'Se dine point',
      sms: '%shop_name%: Beklager, vi kunne ikke oprette dit gavekort på %gift_card_value%. Dine %points% point er ført tilbage til din saldo (%balance% point). Prøv igen senere.',
    },
    points_expiring: {
      subject: '%points% af dine point udløber den %expiry_date%',
      heading: 'Dine point udløber snart',
      paragraphs: [
        'Hej %first_name%,',
        '%points% af dine point hos %shop_name% udløber den %expiry_date%. Book et besøg, eller indløs dem til et gavekort inden da, så de ikke går tabt.',
        'Din nuværende saldo er på %balance% point.',
      ],
      button: 'Brug dine point',
      sms: '%shop_name%: %points% af dine point udløber den %expiry_date%. Brug dem i tide: %portal_url%',
    },
    welcome: {
      subject: 'Velkommen til loyalitetsprogrammet hos %shop_name%',
      heading: 'Velkommen, %first_name%!',
      paragraphs: [
        'Tak, fordi du er blevet medlem af loyalitetsprogrammet hos %shop_name%. Du optjener point ved hvert besøg og kan indløse dem til gavekort.',
        'Din saldo: %balance% point.',
      ],
      button: 'Se dine point',
      sms: 'Velkommen til loyalitetsprogrammet hos %shop_name%, %first_name%! Du optjener point ved hvert besøg. Se din saldo: %portal_url%',
    },
    birthday: {
      subject: 'Tillykke med fødselsdagen fra %shop_name%!',
      heading: 'Tillykke med fødselsdagen, %first_name%!',
      paragraphs: [
        'Alle hos %shop_name% ønsker dig en dejlig dag.',
        'Som medlem af vores loyalitetsprogram har du %balance% point at bruge ved dit næste besøg.',
      ],
      button: 'Se dine point',
      sms: 'Tillykke med fødselsdagen fra %shop_name%, %first_name%! Din saldo: %balance% point. %portal_url%',
    },
    anniversary: {
      subject: 'Et år med loyalitet hos %shop_name%',
      heading: 'Tak for endnu et år, %first_name%!',
      paragraphs: [
        'Der er gået endnu et år, siden du blev medlem af loyalitetsprogrammet hos %shop_name%. Tak fordi du er med.',
        'Din saldo: %balance% point.',
      ],
      button: 'Se dine point',
      sms: '%shop_name%: tak for endnu et år i vores loyalitetsprogram, %first_name%! Din saldo: %balance% point.',
    },
    thank_you: {
      subject: 'Tak for dit besøg hos %shop_name%',
      heading: 'Tak for dit besøg, %first_name%!',
      paragraphs: [
        'Vi håber, du nød dit besøg hos %shop_name%. Vi glæder os til at se dig igen.',
        'Din saldo: %balance% point.',
      ],
      button: 'Book dit næste besøg',
      sms: 'Tak for dit besøg hos %shop_name%, %first_name%! Vi glæder os til at se dig igen.',
    },
    win_back: {
      subject: 'Vi savner dig hos %shop_name%',
      heading: 'Vi savner dig, %first_name%!',
      paragraphs: [
        'Det er et stykke tid siden, du sidst var hos %shop_name%. Vi vil gerne byde dig velkommen tilbage.',
        'Du har %balance% point, der venter på dig.',
      ],
      button: 'Book et besøg',
      sms: '%shop_name% savner dig, %first_name%! Du har %balance% point, der venter. %portal_url%',
    },
    nth_visit: {
      subject: 'En tak for din loyalitet hos %shop_name%',
      heading: 'Tak fordi du kommer igen, %first_name%!',
      paragraphs: [
        'Du har besøgt %shop_name% igen, og vi vil gerne sige tak for din loyalitet.',
        'Din saldo: %balance% point.',
      ],
      button: 'Se dine point',
      sms: '%shop_name%: tak for din loyalitet, %first_name%! Din saldo: %balance% point.',
    },
  },
};
