import type { LanguageCopy } from './build-default-template';

// Informal "je": what Dutch shops use with their own customers.
export const nl: LanguageCopy = {
  footer: 'Je ontvangt deze e-mail omdat je lid bent van het spaarprogramma van %shop_name%.',
  events: {
    points_credited: {
      subject: 'Je hebt %points% punten gespaard bij %shop_name%',
      heading: 'Je hebt %points% punten gespaard!',
      paragraphs: [
        'Hoi %first_name%,',
        'Bedankt voor je bezoek aan %shop_name%. We hebben %points% punten bij je saldo opgeteld. Je hebt nu %balance% punten.',
      ],
      button: 'Bekijk je punten',
      sms: '%shop_name%: je hebt %points% punten gespaard! Je saldo is nu %balance% punten. %portal_url%',
    },
    balance_adjusted: {
      subject: 'Je puntensaldo bij %shop_name% is bijgewerkt',
      heading: 'Je puntensaldo is gewijzigd',
      paragraphs: [
        'Hoi %first_name%,',
        'We hebben je puntensaldo aangepast met %points% punten.',
        'Reden: %description%',
        'Je nieuwe saldo is %balance% punten.',
      ],
      button: 'Bekijk je punten',
      sms: '%shop_name%: je puntensaldo is aangepast met %points% (%description%). Nieuw saldo: %balance% punten.',
    },
    gift_card_issued: {
      subject: 'Hier is je cadeaukaart van %shop_name%',
      heading: 'Hier is je cadeaukaart',
      paragraphs: [
        'Hoi %first_name%,',
        'Je hebt %points% punten ingewisseld voor een cadeaukaart ter waarde van %gift_card_value%. Dit is je code:',
      ],
      highlight: '%gift_card_code%',
      closing: [
        'Vul de code in bij het afrekenen, of geef de kaart cadeau aan iemand anders. Je resterende saldo is %balance% punten.',
      ],
      button: 'Bekijk je account',
      sms: '%shop_name%: je cadeaukaart ter waarde van %gift_card_value% staat klaar. Je vindt de code in je account: %portal_url%',
    },
    reward_failed: {
      subject: 'Je cadeaukaart kon niet worden aangemaakt, je punten staan weer op je saldo',
      heading: 'Je punten staan weer op je saldo',
      paragraphs: [
        'Hoi %first_name%,',
        'Sorry, er ging iets mis bij het aanmaken van je cadeaukaart ter waarde van %gift_card_value%. We hebben de %points% punten teruggezet op je saldo, dus je bent niets kwijt. Je saldo is %balance% punten.',
        'Probeer het over een tijdje opnieuw. Lukt het dan nog steeds niet? Neem dan gerust contact met ons op.',
      ],
      button: 'Bekijk je punten',
      sms: '%shop_name%: sorry, we konden je cadeaukaart van %gift_card_value% niet aanmaken. Je %points% punten staan weer op je saldo (%balance% punten). Probeer het later opnieuw.',
    },
    points_expiring: {
      subject: '%points% van je punten vervallen op %expiry_date%',
      heading: 'Je punten vervallen binnenkort',
      paragraphs: [
        'Hoi %first_name%,',
        '%points% van je punten bij %shop_name% vervallen op %expiry_date%. Plan een bezoek of wissel ze in voor een cadeaukaart, zodat ze niet verloren gaan.',
        'Je huidige saldo is %balance% punten.',
      ],
      button: 'Gebruik je punten',
      sms: '%shop_name%: %points% van je punten vervallen op %expiry_date%. Gebruik ze op tijd: %portal_url%',
    },
    welcome: {
      subject: 'Welkom bij het spaarprogramma van %shop_name%',
      heading: 'Welkom, %first_name%!',
      paragraphs: [
        'Leuk dat je meedoet aan het spaarprogramma van %shop_name%. Bij elk bezoek spaar je punten, die je kunt inwisselen voor cadeaukaarten.',
        'Je saldo: %balance% punten.',
      ],
      button: 'Bekijk je punten',
      sms: 'Welkom bij het spaarprogramma van %shop_name%, %first_name%! Bij elk bezoek spaar je punten. Bekijk je saldo: %portal_url%',
    },
    birthday: {
      subject: 'Gefeliciteerd namens %shop_name%!',
      heading: 'Gefeliciteerd, %first_name%!',
      paragraphs: [
        'Iedereen bij %shop_name% wenst je een fantastische verjaardag.',
        'Als lid van ons spaarprogramma heb je %balance% punten te besteden bij je volgende bezoek.',
      ],
      button: 'Bekijk je punten',
      sms: 'Gefeliciteerd namens %shop_name%, %first_name%! Je saldo: %balance% punten. %portal_url%',
    },
    anniversary: {
      subject: 'Een jaar sparen bij %shop_name%',
      heading: 'Bedankt voor weer een jaar, %first_name%!',
      paragraphs: [
        'Er is weer een jaar voorbij sinds je lid werd van het spaarprogramma van %shop_name%. Bedankt dat je erbij bent.',
        'Je saldo: %balance% punten.',
      ],
      button: 'Bekijk je punten',
      sms: '%shop_name%: bedankt voor weer een jaar in ons spaarprogramma, %first_name%! Je saldo: %balance% punten.',
    },
    thank_you: {
      subject: 'Bedankt voor je bezoek aan %shop_name%',
      heading: 'Bedankt voor je bezoek, %first_name%!',
      paragraphs: [
        'We hopen dat je hebt genoten van je bezoek aan %shop_name%. We zien je graag snel weer.',
        'Je saldo: %balance% punten.',
      ],
      button: 'Plan je volgende bezoek',
      sms: 'Bedankt voor je bezoek aan %shop_name%, %first_name%! We zien je graag snel weer.',
    },
    win_back: {
      subject: 'We missen je bij %shop_name%',
      heading: 'We missen je, %first_name%!',
      paragraphs: [
        'Het is alweer even geleden dat je bij %shop_name% was. We verwelkomen je graag weer.',
        'Er staan %balance% punten voor je klaar.',
      ],
      button: 'Plan een bezoek',
      sms: '%shop_name% mist je, %first_name%! Er staan %balance% punten voor je klaar. %portal_url%',
    },
    nth_visit: {
      subject: 'Een bedankje voor je trouw aan %shop_name%',
      heading: 'Bedankt dat je terugkomt, %first_name%!',
      paragraphs: [
        'Je was weer bij %shop_name%, en daarvoor willen we je bedanken.',
        'Je saldo: %balance% punten.',
      ],
      button: 'Bekijk je punten',
      sms: '%shop_name%: bedankt voor je trouw, %first_name%! Je saldo: %balance% punten.',
    },
  },
};
