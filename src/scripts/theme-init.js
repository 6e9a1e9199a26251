try{var t=localStorage.getItem('folio-theme');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}
